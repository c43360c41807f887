package dev.servicebot.processor.bench;

import dev.servicebot.devstack.BenchStats;
import dev.servicebot.devstack.DevStack;
import dev.servicebot.processor.ProcessorApp;
import dev.servicebot.processor.ProcessorTopology;
import dev.servicebot.processor.Bot;
import dev.servicebot.processor.understanding.RequestInterpreter;
import dev.servicebot.topics.Json;
import dev.servicebot.topics.Topics;
import dev.servicebot.topics.model.Customer;
import dev.servicebot.topics.model.CustomerCommand;
import dev.servicebot.topics.model.Device;
import dev.servicebot.topics.model.InboundMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Decisions per second of the real processor topology against a passthrough topology of the same
 * shape (read inbound, write one record per input, exactly-once, same serdes), both on the
 * devstack broker over the same pre-filled inbound messages, alternating, several runs.
 * Prints both rates, their ratio, and writes bench/results/processor.json.
 * <p>
 * Also measures what understanding one message costs ({@link UnderstandingCost}).
 * Run: {@code bench/processor.sh [messages] [runs]}
 */
public final class ProcessorBenchmark {
    private static final String PASSTHROUGH_OUT = "bench.passthrough.v1";
    /** As many output topics as the processor writes per message (2 history, reply, changelog, commands/customers). */
    private static final List<String> FANOUT_OUT = List.of("bench.fanout-a.v1", "bench.fanout-b.v1", "bench.fanout-c.v1", "bench.fanout-d.v1");
    private static final List<String> TEXTS = List.of(
            "Is my speaker online?", "turn it up", "What devices do I have?", "Move my speaker to the kitchen",
            "play some jazz", "Play the same music on all my speakers", "Create a routine to play the news at 7 am",
            "hello", "set the volume to 4", "is my display working", "move it to the office", "skip this song");

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int customers = 600;
        Bot bot = Bot.standard();
        Map<String, Object> result = new java.util.LinkedHashMap<>();
        result.put("benchmark", "processor (1 and 2 stream threads) vs passthrough topologies, same broker, same input, exactly-once;"
                + " understanding cost per message");
        result.put("date", Instant.now().toString());
        result.put("understanding", UnderstandingCost.measure(RequestInterpreter.load()));
        try (DevStack stack = DevStack.start(DevStack.Options.forTests())) {
            prepare(stack, messages, customers);
            Map<String, List<Double>> rates = new java.util.LinkedHashMap<>();
            List<String> variants = List.of("processor-1-thread", "processor-2-threads", "passthrough", "fanout-passthrough");
            variants.forEach(v -> rates.put(v, new ArrayList<>()));
            // One discarded round first: the broker and all topologies share this JVM, so JIT warm-up would
            // otherwise be charged to whichever runs first. Then the order rotates from run to run.
            for (String variant : variants) {
                measure(stack, "bench-warmup-" + variant, topology(variant, bot), threads(variant), messages);
            }
            for (int run = 1; run <= runs; run++) {
                for (int slot = 0; slot < variants.size(); slot++) {
                    String variant = variants.get((slot + run) % variants.size());
                    rates.get(variant).add(measure(stack, "bench-" + variant + "-" + run, topology(variant, bot), threads(variant), messages));
                }
                int r = run;
                System.out.println("run " + run + ": " + variants.stream()
                        .map(v -> String.format("%s %.0f/s", v, rates.get(v).get(r - 1))).collect(Collectors.joining(", ")));
            }
            double one = BenchStats.median(rates.get("processor-1-thread"));
            double two = BenchStats.median(rates.get("processor-2-threads"));
            double pass = BenchStats.median(rates.get("passthrough"));
            double fan = BenchStats.median(rates.get("fanout-passthrough"));
            String summary = String.format("processor %.0f decisions/s with 1 stream thread, %.0f with 2; passthrough %.0f records/s; "
                            + "fan-out passthrough (5 writes per input) %.0f records/s; processor/fan-out %.2f (1 thread), %.2f (2 threads) "
                            + "(median of %d runs, %d messages, %d customers)",
                    one, two, pass, fan, one / fan, two / fan, runs, messages, customers);
            System.out.println(summary);
            result.put("messages", messages);
            result.put("customers", customers);
            result.put("runs", runs);
            rates.forEach((variant, list) -> result.put(variant + " per second", list));
            result.put("medianProcessor", Math.round(one));
            result.put("medianProcessor2Threads", Math.round(two));
            result.put("medianPassthrough", Math.round(pass));
            result.put("medianFanoutPassthrough", Math.round(fan));
            result.put("ratio", Math.round(one / pass * 100) / 100.0);
            result.put("ratioToFanout", Math.round(one / fan * 100) / 100.0);
            result.put("ratioToFanout2Threads", Math.round(two / fan * 100) / 100.0);
            result.put("summary", summary);
            Path out = Path.of(System.getProperty("bench.results", "bench/results")).resolve("processor.json");
            Files.createDirectories(out.getParent());
            Files.writeString(out, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(result) + "\n");
            System.out.println("wrote " + out);
        }
    }

    private static Topology topology(String variant, Bot bot) {
        return switch (variant) {
            case "passthrough" -> passthrough();
            case "fanout-passthrough" -> fanout();
            default -> ProcessorTopology.build(bot);
        };
    }

    private static int threads(String variant) {
        return variant.equals("processor-2-threads") ? 2 : 1;
    }

    /** The same shape with no judgement: read inbound, write one record per input. */
    static Topology passthrough() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.INBOUND.name(), Consumed.with(Topics.INBOUND.keySerde(), Topics.INBOUND.valueSerde()))
                .to(PASSTHROUGH_OUT, Produced.with(Topics.INBOUND.keySerde(), Topics.INBOUND.valueSerde()));
        return builder.build();
    }

    /** The passthrough with the processor's write volume: one input, five records out across four topics. */
    static Topology fanout() {
        StreamsBuilder builder = new StreamsBuilder();
        var in = builder.stream(Topics.INBOUND.name(), Consumed.with(Topics.INBOUND.keySerde(), Topics.INBOUND.valueSerde()));
        in.to(FANOUT_OUT.get(0), Produced.with(Topics.INBOUND.keySerde(), Topics.INBOUND.valueSerde())); // two history records
        for (String topic : FANOUT_OUT) {
            in.to(topic, Produced.with(Topics.INBOUND.keySerde(), Topics.INBOUND.valueSerde()));
        }
        return builder.build();
    }

    private static void prepare(DevStack stack, int messages, int customers) throws Exception {
        try (Admin admin = admin(stack)) {
            List<NewTopic> outputs = new ArrayList<>();
            outputs.add(new NewTopic(PASSTHROUGH_OUT, Topics.CUSTOMER_PARTITIONS, (short) 1));
            FANOUT_OUT.forEach(t -> outputs.add(new NewTopic(t, Topics.CUSTOMER_PARTITIONS, (short) 1)));
            admin.createTopics(outputs).all().get();
        }
        Map<String, Object> config = stack.producerConfig();
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            String now = Instant.now().toString();
            String[] tiers = {"basic", "premium", "enterprise"};
            for (int c = 0; c < customers; c++) {
                String id = String.format("bench_%04d", c);
                String tier = tiers[c % 3];
                List<Device> devices = tier.equals("basic") ? List.of(new Device(id + "_s", "SmartSpeaker", "living_room"))
                        : List.of(new Device(id + "_s", "SmartSpeaker", "bedroom"), new Device(id + "_d", "SmartDisplay", "kitchen"));
                CustomerCommand upsert = CustomerCommand.upsert("bench-" + id, new Customer(id, "Bench " + c, tier, devices), now);
                producer.send(new ProducerRecord<>(Topics.CUSTOMER_COMMANDS.name(), id, Json.write(upsert)));
            }
            Instant t = Instant.now();
            for (int i = 0; i < messages; i++) {
                String customer = String.format("bench_%04d", i % customers);
                InboundMessage message = new InboundMessage("bench-" + i, "conv-" + customer + "-" + (i / (customers * 4)), customer,
                        TEXTS.get(i % TEXTS.size()), t.plusMillis(i).toString(), null, null, null);
                producer.send(new ProducerRecord<>(Topics.INBOUND.name(), customer, Json.write(message)));
            }
            producer.flush();
        }
    }

    /** Records per second from RUNNING until the application has committed every input record. */
    private static double measure(DevStack stack, String applicationId, Topology topology, int threads, int messages) throws Exception {
        Properties config = ProcessorApp.streamsConfig(applicationId, stack.bootstrapServers(),
                Files.createTempDirectory("servicebot-bench-"));
        config.put(org.apache.kafka.streams.StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        String extra = System.getenv("BENCH_STREAMS_PROPS");
        if (extra != null && !extra.isBlank()) {
            for (String kv : extra.split(",")) {
                config.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            }
        }
        try (KafkaStreams streams = new KafkaStreams(topology, config); Admin admin = admin(stack)) {
            streams.start();
            while (streams.state() != KafkaStreams.State.RUNNING) {
                Thread.sleep(20);
            }
            long start = System.nanoTime();
            Map<TopicPartition, Long> ends = ends(admin);
            while (!caughtUp(admin, applicationId, ends)) {
                Thread.sleep(50);
                if (System.nanoTime() - start > Duration.ofMinutes(10).toNanos()) {
                    throw new IllegalStateException(applicationId + " did not catch up in 10 minutes");
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return messages / seconds;
        }
    }

    private static Map<TopicPartition, Long> ends(Admin admin) throws Exception {
        var partitions = admin.describeTopics(List.of(Topics.INBOUND.name())).allTopicNames().get().get(Topics.INBOUND.name())
                .partitions().stream().map(p -> new TopicPartition(Topics.INBOUND.name(), p.partition()))
                .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
        return admin.listOffsets(partitions).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private static boolean caughtUp(Admin admin, String group, Map<TopicPartition, Long> ends) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        return ends.entrySet().stream().allMatch(e -> e.getValue() == 0
                || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue()));
    }

    private static Admin admin(DevStack stack) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));
    }

}
