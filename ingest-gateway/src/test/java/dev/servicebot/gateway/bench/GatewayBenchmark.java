package dev.servicebot.gateway.bench;

import dev.servicebot.devstack.BenchStats;
import com.fasterxml.jackson.databind.JsonNode;
import dev.servicebot.devstack.DevStack;
import dev.servicebot.gateway.ChatClient;
import dev.servicebot.gateway.DevTokens;
import dev.servicebot.gateway.GatewayConfig;
import dev.servicebot.gateway.GatewayServer;
import dev.servicebot.topics.Json;
import dev.servicebot.topics.Timestamps;
import dev.servicebot.topics.Topics;
import dev.servicebot.topics.model.InboundMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Load generator and benchmark: M WebSocket clients offer a fixed total rate of messages to a real
 * gateway on the devstack broker; accepted messages/s and ack latency p50/p99 are measured next to a
 * plain Kafka producer (the gateway's producer settings) sending the same records at the same rate,
 * in the same run. Several runs, medians printed and written to bench/results/gateway.json.
 * <p>
 * Run: {@code bench/gateway.sh [rate=1000] [seconds=10] [clients=50] [runs=3]}
 */
public final class GatewayBenchmark {

    record Result(double acceptedPerSecond, double p50Ms, double p99Ms, int sent, int acked, int errors) {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        try (DevStack stack = DevStack.start(DevStack.Options.forTests())) {
            Map<String, String> env = new LinkedHashMap<>(Map.of(
                    "SERVICEBOT_GATEWAY_PORT", "0", "SERVICEBOT_GATEWAY_INTERNAL_PORT", "0",
                    "SERVICEBOT_KAFKA_BOOTSTRAP", stack.bootstrapServers(), "SERVICEBOT_DYNAMO_ENDPOINT", stack.dynamoEndpoint().toString(),
                    "SERVICEBOT_ENV", stack.tables().environment(), "SERVICEBOT_DEV_MODE", "true",
                    "SERVICEBOT_RATE_PER_SECOND", "100000", "SERVICEBOT_RATE_BURST", "100000"));
            // The benchmark measures the gateway's work, not its limits: its clients share a few customers.
            env.putAll(Map.of("SERVICEBOT_CUSTOMER_RATE_PER_SECOND", "100000", "SERVICEBOT_CUSTOMER_RATE_BURST", "100000",
                    "SERVICEBOT_FRAME_RATE_PER_SECOND", "100000", "SERVICEBOT_FRAME_RATE_BURST", "100000",
                    "SERVICEBOT_CUSTOMER_FRAME_RATE_PER_SECOND", "100000", "SERVICEBOT_CUSTOMER_FRAME_RATE_BURST", "100000",
                    "SERVICEBOT_MAX_CONNECTIONS_PER_CUSTOMER", "100000"));
            List<Result> gateway = new ArrayList<>();
            List<Result> producer = new ArrayList<>();
            try (GatewayServer server = GatewayServer.start(GatewayConfig.fromEnvironment(env), stack.dynamo())) {
                offerThroughGateway(server.publicPort(), rate, 2, clients); // warm-up, discarded
                offerToProducer(stack.bootstrapServers(), rate, 2);
                for (int run = 1; run <= runs; run++) {
                    gateway.add(offerThroughGateway(server.publicPort(), rate, seconds, clients));
                    producer.add(offerToProducer(stack.bootstrapServers(), rate, seconds));
                    System.out.printf("run %d: gateway %s | plain producer %s%n", run, gateway.get(run - 1), producer.get(run - 1));
                }
            }
            double gw = BenchStats.median(gateway.stream().map(Result::acceptedPerSecond).toList());
            double kp = BenchStats.median(producer.stream().map(Result::acceptedPerSecond).toList());
            double gw50 = BenchStats.median(gateway.stream().map(Result::p50Ms).toList());
            double gw99 = BenchStats.median(gateway.stream().map(Result::p99Ms).toList());
            double kp50 = BenchStats.median(producer.stream().map(Result::p50Ms).toList());
            double kp99 = BenchStats.median(producer.stream().map(Result::p99Ms).toList());
            System.out.printf("offered %d msg/s for %d s over %d clients (median of %d runs): gateway %.0f accepted/s, ack p50 %.1f ms p99 %.1f ms; "
                    + "plain producer %.0f/s, p50 %.1f ms p99 %.1f ms; throughput ratio %.2f%n",
                    rate, seconds, clients, runs, gw, gw50, gw99, kp, kp50, kp99, gw / kp);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("benchmark", "gateway accepted messages vs plain Kafka producer, same broker, same offered rate");
            out.put("date", Instant.now().toString());
            out.put("offeredPerSecond", rate);
            out.put("seconds", seconds);
            out.put("clients", clients);
            out.put("gatewayRuns", gateway);
            out.put("producerRuns", producer);
            out.put("median", Map.of("gatewayAcceptedPerSecond", Math.round(gw), "gatewayAckP50Ms", gw50, "gatewayAckP99Ms", gw99,
                    "producerPerSecond", Math.round(kp), "producerP50Ms", kp50, "producerP99Ms", kp99, "ratio", Math.round(gw / kp * 100) / 100.0));
            Path file = Path.of(System.getProperty("bench.results", "bench/results")).resolve("gateway.json");
            Files.createDirectories(file.getParent());
            Files.writeString(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(out) + "\n");
            System.out.println("wrote " + file);
        }
        System.exit(0); // Javalin's WebSocket ping thread is not a daemon
    }

    static Result offerThroughGateway(int port, int rate, int seconds, int clientCount) throws Exception {
        DevTokens tokens = new DevTokens(GatewayConfig.DEV_SECRET);
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger errors = new AtomicInteger();
        int total = rate * seconds;
        CountDownLatch answered = new CountDownLatch(total);
        List<ChatClient> clients = new ArrayList<>();
        for (int i = 0; i < clientCount; i++) {
            String customer = "cust_00" + (1 + i % 3);
            clients.add(ChatClient.connect(port, tokens.issue(customer, Duration.ofHours(1)), frame -> {
                String type = frame.path("type").asText();
                if (type.equals("ack") || type.equals("error")) {
                    Long start = sentAt.remove(frame.path("clientMessageId").asText());
                    if (start != null) {
                        if (type.equals("ack")) {
                            latencies.add(System.nanoTime() - start);
                        } else {
                            errors.incrementAndGet();
                        }
                        answered.countDown();
                    }
                }
            }));
        }
        Thread.sleep(500); // let every client receive its connected frame
        long started = offer(total, rate, i -> {
            String id = "bench-" + System.nanoTime() + "-" + i;
            sentAt.put(id, System.nanoTime());
            clients.get(i % clients.size()).send(Map.of("action", "sendMessage", "text", "Is my speaker online?", "clientMessageId", id));
        });
        answered.await(60, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - started) / 1e9;
        clients.forEach(ChatClient::close);
        return result(latencies, total, errors.get(), elapsed);
    }

    static Result offerToProducer(String bootstrap, int rate, int seconds) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 1);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger errors = new AtomicInteger();
        int total = rate * seconds;
        CountDownLatch answered = new CountDownLatch(total);
        long started;
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            started = offer(total, rate, i -> {
                String customer = "cust_00" + (1 + i % 3);
                InboundMessage message = new InboundMessage("bench-p-" + i, "conv-bench-" + (i % 50), customer, "Is my speaker online?",
                        Timestamps.format(Instant.now()), "bench-p-" + i, null, null);
                long start = System.nanoTime();
                producer.send(new ProducerRecord<>(Topics.INBOUND.name(), customer, Json.write(message)), (md, e) -> {
                    if (e == null) {
                        latencies.add(System.nanoTime() - start);
                    } else {
                        errors.incrementAndGet();
                    }
                    answered.countDown();
                });
            });
            answered.await(60, TimeUnit.SECONDS);
        }
        return result(latencies, total, errors.get(), (System.nanoTime() - started) / 1e9);
    }

    /** Calls {@code send} {@code total} times at a fixed rate (in 10 ms slices); returns the start time. */
    private static long offer(int total, int rate, java.util.function.IntConsumer send) throws InterruptedException {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        AtomicLong next = new AtomicLong();
        int perTick = Math.max(1, rate / 100);
        CountDownLatch done = new CountDownLatch(1);
        long started = System.nanoTime();
        ticker.scheduleAtFixedRate(() -> {
            for (int k = 0; k < perTick; k++) {
                long i = next.getAndIncrement();
                if (i >= total) {
                    done.countDown();
                    return;
                }
                send.accept((int) i);
            }
        }, 0, 10, TimeUnit.MILLISECONDS);
        done.await();
        ticker.shutdownNow();
        return started;
    }

    private static Result result(List<Long> latencies, int sent, int errors, double seconds) {
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        double p50 = sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2) / 1e6;
        double p99 = sorted.isEmpty() ? Double.NaN : sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * 0.99))) / 1e6;
        return new Result(Math.round(sorted.size() / seconds), Math.round(p50 * 10) / 10.0, Math.round(p99 * 10) / 10.0, sent, sorted.size(), errors);
    }

}
