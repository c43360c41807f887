package dev.servicebot.notifier.bench;

import dev.servicebot.devstack.BenchStats;
import dev.servicebot.devstack.DevStack;
import dev.servicebot.gateway.ChatClient;
import dev.servicebot.gateway.DevTokens;
import dev.servicebot.gateway.GatewayConfig;
import dev.servicebot.gateway.GatewayServer;
import dev.servicebot.notifier.NotifierApp;
import dev.servicebot.topics.Json;
import dev.servicebot.topics.Timestamps;
import dev.servicebot.topics.Topics;
import dev.servicebot.topics.model.Customer;
import dev.servicebot.topics.model.Reply;
import dev.servicebot.topics.tables.Items;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Replies per second delivered by the notifier to M WebSocket clients connected to two real
 * gateways, with delivery latency (reply timestamp to the client's receipt) p50/p99; several runs,
 * medians printed and written to bench/results/notifier.json.
 * Run: {@code bench/notifier.sh [replies=10000] [clients=50] [runs=3]}
 */
public final class NotifierBenchmark {

    record Run(int produced, int delivered, double perSecond, double p50Ms, double p99Ms) {
    }

    public static void main(String[] args) throws Exception {
        int replies = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int clientCount = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        List<Run> results = new ArrayList<>();
        try (DevStack stack = DevStack.start(DevStack.Options.forTests())) {
            for (int c = 0; c < clientCount; c++) {
                Customer customer = new Customer(customer(c), "Bench " + c, "basic", List.of());
                stack.dynamo().putItem(b -> b.tableName(stack.tables().customers()).item(Items.of(customer)));
            }
            GatewayServer a = gateway(stack, "bench-a");
            GatewayServer b = gateway(stack, "bench-b");
            NotifierApp notifier = NotifierApp.start(NotifierApp.Config.fromEnvironment(Map.of("SERVICEBOT_KAFKA_BOOTSTRAP", stack.bootstrapServers(),
                    "SERVICEBOT_DEV_MODE", "true", "SERVICEBOT_NOTIFIER_HTTP_PORT", "0")));
            DevTokens tokens = new DevTokens(GatewayConfig.DEV_SECRET);
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch[] received = new CountDownLatch[1];
            List<ChatClient> clients = new ArrayList<>();
            for (int c = 0; c < clientCount; c++) {
                GatewayServer gateway = c % 2 == 0 ? a : b;
                clients.add(ChatClient.connect(gateway.publicPort(), tokens.issue(customer(c), Duration.ofHours(1)), frame -> {
                    if ("reply".equals(frame.path("type").asText())) {
                        latencies.add(Duration.between(Instant.parse(frame.get("timestamp").asText()), Instant.now()).toNanos());
                        received[0].countDown();
                    }
                }));
            }
            Thread.sleep(2000); // the connections reach the notifier through Kafka
            Map<String, Object> config = stack.producerConfig();
            config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
            try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
                for (int run = 0; run <= runs; run++) { // run 0 warms up and is discarded
                    int count = run == 0 ? Math.min(2000, replies) : replies;
                    latencies.clear();
                    received[0] = new CountDownLatch(count);
                    long start = System.nanoTime();
                    for (int i = 0; i < count; i++) {
                        String customer = customer(i % clientCount);
                        Reply reply = new Reply("bench-" + run + "-" + i + "-r", "bench-" + run + "-" + i, "conv-bench", customer, "ok",
                                null, List.of(), null, Timestamps.format(Instant.now()));
                        producer.send(new ProducerRecord<>(Topics.REPLIES.name(), customer, Json.write(reply)));
                    }
                    producer.flush();
                    received[0].await(120, TimeUnit.SECONDS);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    List<Long> sorted = new ArrayList<>(latencies);
                    Collections.sort(sorted);
                    Run result = new Run(count, sorted.size(), Math.round(sorted.size() / seconds),
                            sorted.isEmpty() ? Double.NaN : Math.round(sorted.get(sorted.size() / 2) / 1e5) / 10.0,
                            sorted.isEmpty() ? Double.NaN : Math.round(sorted.get((int) Math.min(sorted.size() - 1, sorted.size() * 0.99)) / 1e5) / 10.0);
                    if (run > 0) {
                        results.add(result);
                        System.out.println("run " + run + ": " + result);
                    }
                }
            }
            clients.forEach(ChatClient::close);
            notifier.close();
            a.close();
            b.close();
        }
        double rate = BenchStats.median(results.stream().map(Run::perSecond).toList());
        double p50 = BenchStats.median(results.stream().map(Run::p50Ms).toList());
        double p99 = BenchStats.median(results.stream().map(Run::p99Ms).toList());
        System.out.printf("%d replies per run to %d clients on 2 gateways (median of %d runs): %.0f replies/s delivered, latency p50 %.1f ms p99 %.1f ms%n",
                replies, clientCount, runs, rate, p50, p99);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "notifier deliveries to WebSocket clients over two real gateways");
        out.put("date", Instant.now().toString());
        out.put("repliesPerRun", replies);
        out.put("clients", clientCount);
        out.put("runs", results);
        out.put("median", Map.of("deliveredPerSecond", rate, "p50Ms", p50, "p99Ms", p99));
        Path file = Path.of(System.getProperty("bench.results", "bench/results")).resolve("notifier.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(out) + "\n");
        System.out.println("wrote " + file);
        System.exit(0);
    }

    private static String customer(int index) {
        return String.format("bench_%03d", index);
    }

    private static GatewayServer gateway(DevStack stack, String id) {
        return GatewayServer.start(GatewayConfig.fromEnvironment(Map.of("SERVICEBOT_GATEWAY_PORT", "0", "SERVICEBOT_GATEWAY_INTERNAL_PORT", "0",
                "SERVICEBOT_GATEWAY_ID", id, "SERVICEBOT_KAFKA_BOOTSTRAP", stack.bootstrapServers(),
                "SERVICEBOT_ENV", stack.tables().environment(), "SERVICEBOT_DEV_MODE", "true")), stack.dynamo());
    }

}
