package dev.servicebot.sink.bench;

import dev.servicebot.devstack.BenchStats;
import dev.servicebot.devstack.DevStack;
import dev.servicebot.sink.SinkApp;
import dev.servicebot.topics.Json;
import dev.servicebot.topics.Topics;
import dev.servicebot.topics.model.HistoryMessage;
import dev.servicebot.topics.model.RequestType;
import dev.servicebot.topics.tables.Items;
import dev.servicebot.topics.tables.TableNames;
import dev.servicebot.topics.tables.TablesAdmin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Sink throughput from a pre-filled history topic into dynalite, next to a plain single-thread
 * BatchWriteItem loop of the same items, in the same run; medians of several runs, ratio printed
 * and written to bench/results/sink.json. Run: {@code bench/sink.sh [items=20000] [runs=3]}
 */
public final class SinkBenchmark {

    public static void main(String[] args) throws Exception {
        int items = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        try (DevStack stack = DevStack.start(new DevStack.Options(0, 0, null, "bench", false))) {
            List<HistoryMessage> history = history(items);
            Map<String, Object> config = stack.producerConfig();
            config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
                history.forEach(m -> producer.send(new ProducerRecord<>(Topics.MESSAGES.name(), m.conversationId(), Json.write(m))));
            }
            List<Double> sink = new ArrayList<>();
            List<Double> plain = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                sink.add(sink(stack, "sinkbench" + run, items));
                plain.add(plainLoop(stack, "plainbench" + run, history));
                System.out.printf("run %d: sink %.0f items/s, plain BatchWriteItem loop %.0f items/s%n", run, sink.get(run - 1), plain.get(run - 1));
            }
            double s = BenchStats.median(sink);
            double p = BenchStats.median(plain);
            System.out.printf("sink %.0f items/s, plain loop %.0f items/s, ratio %.2f (median of %d runs, %d items)%n", s, p, s / p, runs, items);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("benchmark", "sink-dynamo vs a plain single-thread BatchWriteItem loop, dynalite, same items");
            out.put("date", Instant.now().toString());
            out.put("items", items);
            out.put("sinkItemsPerSecond", sink);
            out.put("plainItemsPerSecond", plain);
            out.put("medianSink", Math.round(s));
            out.put("medianPlain", Math.round(p));
            out.put("ratio", Math.round(s / p * 100) / 100.0);
            Path file = Path.of(System.getProperty("bench.results", "bench/results")).resolve("sink.json");
            Files.createDirectories(file.getParent());
            Files.writeString(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(out) + "\n");
            System.out.println("wrote " + file);
        }
        System.exit(0);
    }

    static List<HistoryMessage> history(int items) {
        List<HistoryMessage> all = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            String conversation = "conv-bench-" + (i % 500);
            String timestamp = Instant.parse("2026-11-26T00:00:00Z").plusMillis(i).toString();
            boolean bot = i % 2 == 1;
            all.add(new HistoryMessage(conversation, timestamp, bot ? "bot" : "cust_001", bot ? "Done: I've turned your speaker up." : "turn it up",
                    RequestType.of("volume_change"), List.of("volume_control"), true, "m-" + i, bot ? "m-" + (i - 1) : null));
        }
        return all;
    }

    /** Items per second from the sink's start until it has committed the whole topic (tables created beforehand). */
    static double sink(DevStack stack, String environment, int items) throws Exception {
        new TablesAdmin(stack.dynamo(), new TableNames(environment)).ensure();
        String group = "bench-" + environment;
        long start = System.nanoTime();
        try (SinkApp app = SinkApp.start(SinkApp.Config.fromEnvironment(Map.of("SERVICEBOT_KAFKA_BOOTSTRAP", stack.bootstrapServers(),
                "SERVICEBOT_SINK_GROUP", group, "SERVICEBOT_ENV", environment, "SERVICEBOT_SINK_HTTP_PORT", "0",
                "SERVICEBOT_SINK_CREATE_TABLES", "false")), stack.dynamo());
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            Map<TopicPartition, Long> ends = admin.listOffsets(partitions(admin)).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                if (ends.entrySet().stream().allMatch(e -> e.getValue() == 0
                        || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue()))) {
                    break;
                }
                Thread.sleep(20);
            }
            return items / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** The baseline: the same items, 25 at a time, one thread, no Kafka. */
    static double plainLoop(DevStack stack, String environment, List<HistoryMessage> history) {
        TableNames tables = new TableNames(environment);
        new TablesAdmin(stack.dynamo(), tables).ensure();
        long start = System.nanoTime();
        for (int from = 0; from < history.size(); from += 25) {
            List<WriteRequest> batch = history.subList(from, Math.min(history.size(), from + 25)).stream()
                    .map(m -> WriteRequest.builder().putRequest(PutRequest.builder().item(Items.of(m)).build()).build()).toList();
            Map<String, List<WriteRequest>> remaining = Map.of(tables.messages(), batch);
            while (!remaining.isEmpty()) {
                var request = remaining;
                var response = stack.dynamo().batchWriteItem(b -> b.requestItems(request));
                remaining = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
        }
        return history.size() / ((System.nanoTime() - start) / 1e9);
    }

    private static Map<TopicPartition, OffsetSpec> partitions(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> specs = new LinkedHashMap<>();
        for (String topic : List.of(Topics.MESSAGES.name(), Topics.CUSTOMERS.name(), Topics.SERVICE_LEVELS.name(), Topics.CONNECTIONS.name())) {
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(p -> specs.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        }
        return specs;
    }

}
