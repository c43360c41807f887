package dev.servicebot.cli.bench;

import dev.servicebot.cli.LocalStack;
import dev.servicebot.devstack.DevStack;
import dev.servicebot.gateway.ChatClient;
import dev.servicebot.gateway.DevTokens;
import dev.servicebot.gateway.GatewayConfig;
import dev.servicebot.topics.Json;
import dev.servicebot.topics.Topics;
import dev.servicebot.topics.model.Customer;
import dev.servicebot.topics.model.CustomerCommand;
import dev.servicebot.topics.model.Device;
import dev.servicebot.topics.tables.Items;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The whole bot under offered chat load: M WebSocket clients send messages at a fixed total rate
 * through the gateway, processor and notifier and back; for each rate it reports accepted/s,
 * replies/s, send-to-reply latency p50/p99/max and whether the rate was sustained (the backlog did
 * not grow). Next to it, in the same run, raw Kafka end-to-end latency on the same broker.
 * Writes bench/results/e2e.json and bench/results/e2e-latency.png.
 * Run: {@code bench/e2e.sh [seconds per rate=20] [clients=50] [rates=250,500,1000,2000]}
 */
public final class EndToEndBenchmark {
    record Step(int offered, double acceptedPerSecond, double repliesPerSecond, double p50Ms, double p99Ms, double maxMs,
                long backlogAtEnd, boolean sustained, double kafkaP50Ms, double kafkaP99Ms) {
    }

    private static final List<String> TEXTS = List.of("Is my speaker online?", "turn it up", "What devices do I have?",
            "play some jazz", "set the volume to 4", "is my display working", "hello");

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int clientCount = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        List<Integer> rates = args.length > 2 ? List.of(args[2].split(",")).stream().map(Integer::parseInt).toList() : List.of(250, 500, 1000, 2000);
        List<Step> steps = new ArrayList<>();
        try (LocalStack local = LocalStack.start(new DevStack.Options(0, 0, null, "bench", true), 0, 0)) {
            DevStack stack = local.devStack();
            prepareCustomers(stack, clientCount);
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("bench.e2e.raw.v1", Topics.CUSTOMER_PARTITIONS, (short) 1))).all().get();
            }
            DevTokens tokens = new DevTokens(GatewayConfig.DEV_SECRET);
            Map<String, Long> sentAt = new ConcurrentHashMap<>();
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger acks = new AtomicInteger();
            AtomicInteger replies = new AtomicInteger();
            List<ChatClient> clients = new ArrayList<>();
            for (int c = 0; c < clientCount; c++) {
                clients.add(ChatClient.connect(local.gateway().publicPort(), tokens.issue(customer(c), Duration.ofHours(1)), frame -> {
                    String type = frame.path("type").asText();
                    if (type.equals("ack")) {
                        acks.incrementAndGet();
                        // Timed from the send: the ack tells which message id the client's id became.
                        Long sent = SENT_BY_CLIENT_ID.remove(frame.path("clientMessageId").asText());
                        if (sent != null) {
                            sentAt.put(frame.path("messageId").asText(), sent);
                        }
                    } else if (type.equals("reply")) {
                        Long start = sentAt.remove(frame.path("inReplyTo").asText());
                        if (start != null) {
                            latencies.add(System.nanoTime() - start);
                            replies.incrementAndGet();
                        }
                    }
                }));
            }
            Thread.sleep(3000);
            // A client sends one frame at a time (~1.5 ms each here): spread the clients over sender threads.
            List<java.util.concurrent.ExecutorService> senders = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                senders.add(Executors.newSingleThreadExecutor());
            }
            List<Integer> plan = new ArrayList<>();
            plan.add(-200); // a discarded warm-up round at 200 msg/s
            plan.addAll(rates);
            for (int planned : plan) {
                boolean warmUp = planned < 0;
                int rate = Math.abs(planned);
                latencies.clear();
                acks.set(0);
                replies.set(0);
                sentAt.clear();
                long start = System.nanoTime();
                String round = (warmUp ? "w" : "r") + rate;
                offer(rate, seconds, i -> {
                    String clientMessageId = "e2e-" + round + "-" + i;
                    int c = i % clients.size();
                    senders.get(c % senders.size()).execute(() -> {
                        SENT_BY_CLIENT_ID.put(clientMessageId, System.nanoTime());
                        clients.get(c).send(Map.of("action", "sendMessage", "text", TEXTS.get(i % TEXTS.size()), "clientMessageId", clientMessageId));
                    });
                });
                double offerSeconds = (System.nanoTime() - start) / 1e9;
                long backlogAtEnd = (long) rate * seconds - replies.get();
                long drainDeadline = System.currentTimeMillis() + 15_000;
                while (replies.get() < rate * seconds && System.currentTimeMillis() < drainDeadline) {
                    Thread.sleep(100);
                }
                double total = (System.nanoTime() - start) / 1e9;
                List<Long> sorted = new ArrayList<>(latencies);
                Collections.sort(sorted);
                double[] kafka = rawKafka(stack, rate, Math.min(seconds, 10));
                boolean sustained = backlogAtEnd <= Math.max(100, rate / 2) && replies.get() >= rate * seconds * 0.99;
                Step step = new Step(rate, Math.round(acks.get() / offerSeconds), Math.round(replies.get() / total),
                        ms(sorted, 0.5), ms(sorted, 0.99), sorted.isEmpty() ? Double.NaN : Math.round(sorted.get(sorted.size() - 1) / 1e5) / 10.0,
                        backlogAtEnd, sustained, kafka[0], kafka[1]);
                if (!warmUp) {
                    steps.add(step);
                }
                System.out.println((warmUp ? "warm-up " : "") + step);
            }
            senders.forEach(java.util.concurrent.ExecutorService::shutdownNow);
            clients.forEach(ChatClient::close);
        }
        int best = steps.stream().filter(Step::sustained).mapToInt(Step::offered).max().orElse(0);
        System.out.println("highest offered rate sustained for " + seconds + " s: " + best + " msg/s");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "end to end: WebSocket send -> gateway -> processor -> notifier -> WebSocket reply, all in one process");
        out.put("date", Instant.now().toString());
        out.put("secondsPerRate", seconds);
        out.put("clients", clientCount);
        out.put("steps", steps);
        out.put("highestSustainedRate", best);
        Path dir = Path.of(System.getProperty("bench.results", "bench/results"));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("e2e.json"), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(out) + "\n");
        plot(steps, dir.resolve("e2e-latency.png"));
        System.out.println("wrote " + dir.resolve("e2e.json") + " and " + dir.resolve("e2e-latency.png"));
        System.exit(0);
    }

    private static void prepareCustomers(DevStack stack, int count) throws Exception {
        try (var producer = new KafkaProducer<>(stack.producerConfig(), new StringSerializer(), new ByteArraySerializer())) {
            for (int c = 0; c < count; c++) {
                Customer customer = new Customer(customer(c), "Bench " + c, "premium", List.of(
                        new Device(customer(c) + "_s", "SmartSpeaker", "bedroom"), new Device(customer(c) + "_d", "SmartDisplay", "kitchen")));
                producer.send(new ProducerRecord<>(Topics.CUSTOMER_COMMANDS.name(), customer.id(),
                        Json.write(CustomerCommand.upsert("bench-" + c, customer, Instant.now().toString()))));
                stack.dynamo().putItem(b -> b.tableName(stack.tables().customers()).item(Items.of(customer)));
            }
        }
    }

    /** Sends {@code rate} messages a second for {@code seconds}, in 10 ms slices. */
    private static void offer(int rate, int seconds, java.util.function.IntConsumer send) throws InterruptedException {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        AtomicLong next = new AtomicLong();
        int total = rate * seconds;
        double perTick = rate / 100.0;
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        long begin = System.nanoTime();
        ticker.scheduleAtFixedRate(() -> {
            long due = Math.min(total, (long) Math.floor((System.nanoTime() - begin) / 1e7 * perTick) + 1);
            while (next.get() < due) {
                send.accept((int) next.getAndIncrement());
            }
            if (next.get() >= total) {
                done.countDown();
            }
        }, 0, 10, TimeUnit.MILLISECONDS);
        done.await();
        ticker.shutdownNow();
    }

    private static final Map<String, Long> SENT_BY_CLIENT_ID = new ConcurrentHashMap<>();

    /** p50 and p99 ms of produce-to-consume on a plain topic at the same rate. */
    private static double[] rawKafka(DevStack stack, int rate, int seconds) throws Exception {
        Map<String, Object> consumerConfig = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "raw-" + rate + "-" + System.nanoTime(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        Thread reader;
        AtomicInteger seen = new AtomicInteger();
        int total = rate * seconds;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("bench.e2e.raw.v1"));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            Map<String, Object> producerConfig = stack.producerConfig();
            producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 1);
            try (var producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer())) {
                reader = new Thread(() -> {
                    while (seen.get() < total) {
                        consumer.poll(Duration.ofMillis(50)).forEach(r -> {
                            latencies.add(System.nanoTime() - Long.parseLong(new String(r.value())));
                            seen.incrementAndGet();
                        });
                    }
                });
                reader.start();
                long begin = System.nanoTime();
                for (int i = 0; i < total; i++) {
                    long due = begin + (long) (i * 1e9 / rate);
                    while (System.nanoTime() < due) {
                        Thread.onSpinWait();
                    }
                    producer.send(new ProducerRecord<>("bench.e2e.raw.v1", Long.toString(System.nanoTime()).getBytes()));
                }
                reader.join(30_000);
            }
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new double[]{ms(sorted, 0.5), ms(sorted, 0.99)};
    }

    private static double ms(List<Long> sorted, double quantile) {
        return sorted.isEmpty() ? Double.NaN : Math.round(sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * quantile))) / 1e5) / 10.0;
    }

    private static String customer(int index) {
        return String.format("e2e_%03d", index);
    }

    /** Latency (p50, p99 for the bot; p99 for raw Kafka) against offered rate, as a PNG. */
    private static void plot(List<Step> steps, Path file) throws Exception {
        int w = 900;
        int h = 560;
        int left = 90;
        int right = 30;
        int top = 50;
        int bottom = 70;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        double maxRate = steps.stream().mapToDouble(Step::offered).max().orElse(1);
        double maxLatency = steps.stream().mapToDouble(s -> Double.isNaN(s.p99Ms()) ? 0 : s.p99Ms()).max().orElse(1) * 1.1;
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString("Send-to-reply latency vs offered chat load (whole bot, one process, 2 cores)", left, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawLine(left, h - bottom, w - right, h - bottom);
        g.drawLine(left, top, left, h - bottom);
        for (int t = 0; t <= 5; t++) {
            int y = h - bottom - t * (h - top - bottom) / 5;
            g.drawString(String.format("%.0f ms", maxLatency * t / 5), 10, y + 4);
            g.setColor(new Color(230, 230, 230));
            g.drawLine(left + 1, y, w - right, y);
            g.setColor(Color.DARK_GRAY);
        }
        for (Step s : steps) {
            int x = left + (int) ((w - left - right) * s.offered() / maxRate);
            g.drawString(s.offered() + "/s", x - 20, h - bottom + 20);
        }
        g.drawString("offered messages per second", w / 2 - 80, h - 25);
        line(g, steps, Step::p50Ms, new Color(31, 119, 180), "p50", w, h, left, right, top, bottom, maxRate, maxLatency, 0);
        line(g, steps, Step::p99Ms, new Color(214, 39, 40), "p99", w, h, left, right, top, bottom, maxRate, maxLatency, 1);
        line(g, steps, Step::kafkaP99Ms, new Color(44, 160, 44), "raw Kafka p99", w, h, left, right, top, bottom, maxRate, maxLatency, 2);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static void line(Graphics2D g, List<Step> steps, java.util.function.ToDoubleFunction<Step> value, Color color, String label,
                             int w, int h, int left, int right, int top, int bottom, double maxRate, double maxLatency, int legendRow) {
        g.setColor(color);
        g.setStroke(new BasicStroke(2.5f));
        int[] xs = steps.stream().mapToInt(s -> left + (int) ((w - left - right) * s.offered() / maxRate)).toArray();
        int[] ys = steps.stream().mapToInt(s -> h - bottom - (int) ((h - top - bottom) * Math.min(maxLatency, value.applyAsDouble(s)) / maxLatency)).toArray();
        g.drawPolyline(xs, ys, xs.length);
        for (int i = 0; i < xs.length; i++) {
            g.fillOval(xs[i] - 4, ys[i] - 4, 8, 8);
        }
        g.fillRect(w - right - 160, top + 10 + legendRow * 20, 14, 4);
        g.drawString(label, w - right - 140, top + 15 + legendRow * 20);
    }
}
