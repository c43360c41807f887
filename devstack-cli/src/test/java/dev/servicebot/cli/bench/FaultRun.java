package dev.servicebot.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.servicebot.cli.ProcessStack;
import dev.servicebot.devstack.GroupLag;
import dev.servicebot.topics.tables.DynamoClients;
import dev.servicebot.gateway.ChatClient;
import dev.servicebot.gateway.DevTokens;
import dev.servicebot.gateway.GatewayConfig;
import dev.servicebot.topics.Topics;
import dev.servicebot.topics.model.DeviceCommand;
import dev.servicebot.topics.model.InboundMessage;
import dev.servicebot.topics.model.Reply;
import dev.servicebot.topics.tables.TableNames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * One fault under load, counted from the sources of truth. Clients behave like the chat page: each
 * message has a clientMessageId; what is not acked is resent with the same id after a reconnect
 * (to the other gateway when its own is down); after a reconnect, and while acked messages stay
 * unanswered, it resumes from the newest reply it has. Then the inbound and replies topics (read
 * committed and uncommitted), the device commands topic and the DynamoDB messages table are read
 * and compared with what the clients were told.
 */
public final class FaultRun {
    private static final DevTokens TOKENS = new DevTokens(GatewayConfig.DEV_SECRET);
    private static final String[] CUSTOMERS = {"cust_001", "cust_002", "cust_003"};
    private static final String[] TEXTS = {"is my speaker online?", "turn up the volume on my speaker", "hello", "what devices do I have"};

    /** What one fault did, counted. */
    public record Result(String scenario, int sent, int acked, int lost, int duplicateMessages, int inboundResendCopies,
                         int duplicateHistory, int duplicateReplies, int duplicateRepliesUncommitted, int duplicateDeviceCommands,
                         int repliesNeverReceived, int duplicateFrames, double workingSeconds, double recoverySeconds,
                         double drainSeconds) {
        public boolean clean() {
            return lost == 0 && duplicateMessages == 0 && duplicateHistory == 0 && duplicateReplies == 0
                    && duplicateDeviceCommands == 0 && repliesNeverReceived == 0;
        }
    }

    /** A fault: what to do to the stack, and which component must work again afterwards. */
    public record Fault(String scenario, Consumer<ProcessStack> inject, String recovers) {
        /** kill -9 of one component, restarted on the same data after {@code down}. */
        public static Fault kill(String component, Duration down) {
            return new Fault("kill -9 " + component, stack -> {
                stack.kill(component);
                sleep(down.toMillis());
                stack.start(component);
            }, component);
        }
    }

    private final ProcessStack stack;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);

    public FaultRun(ProcessStack stack) {
        this.stack = stack;
    }

    /**
     * @param clients    chat-page-like clients, spread over the two gateways
     * @param perSecond  messages per second, all clients together
     */
    public Result run(Fault fault, int clients, int perSecond, Duration before, Duration after) {
        String prefix = "f" + runId + "-" + Math.abs(fault.scenario().hashCode() % 10000) + "-";
        List<SimClient> all = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            all.add(new SimClient(CUSTOMERS[i % CUSTOMERS.length], i % 2 == 0 ? "gateway-a" : "gateway-b", prefix + i + "-"));
        }
        ScheduledExecutorService load = Executors.newScheduledThreadPool(2);
        AtomicInteger turn = new AtomicInteger();
        long periodMicros = 1_000_000L / perSecond;
        var sending = load.scheduleAtFixedRate(() -> all.get(Math.floorMod(turn.getAndIncrement(), clients)).sendNext(),
                periodMicros, periodMicros, TimeUnit.MICROSECONDS);
        var upkeep = load.scheduleAtFixedRate(() -> all.forEach(SimClient::upkeep), 200, 200, TimeUnit.MILLISECONDS);
        sleep(before.toMillis());
        LagTimeline timeline = new LagTimeline(stack.bootstrapServers(), "servicebot-processor");
        fault.inject().accept(stack);
        Instant restarted = Instant.now();
        stack.awaitWorking(fault.recovers(), Duration.ofSeconds(120));
        double working = Duration.between(restarted, Instant.now()).toMillis() / 1000.0;
        double recovery = recoverySeconds(fault.recovers(), restarted);
        long left = after.toMillis() - Duration.between(restarted, Instant.now()).toMillis();
        sleep(Math.max(0, left));
        sending.cancel(false);
        // Drain: every client gets its acks and replies, resending and resuming as the page would, and the
        // processor and the sink catch up (a backlog is not a loss: count only once it is worked off).
        Instant stopped = Instant.now();
        Instant deadline = stopped.plus(Duration.ofMinutes(10));
        try (GroupLag lag = new GroupLag(stack.bootstrapServers())) {
            while (Instant.now().isBefore(deadline) && (all.stream().anyMatch(SimClient::waiting)
                    || lag.of("servicebot-processor") > 0 || lag.of("servicebot-sink-dynamo") > 0)) {
                sleep(500);
            }
        }
        double drain = Duration.between(stopped, Instant.now()).toMillis() / 1000.0;
        all.stream().filter(SimClient::waiting).forEach(c -> System.out.println("  still waiting after the drain: " + c.waitingFor()));
        upkeep.cancel(false);
        load.shutdownNow();
        System.out.println("  " + fault.scenario() + ": " + timeline.stop());
        all.forEach(SimClient::close);
        return count(fault.scenario(), prefix, all, working, recovery, drain);
    }

    /** The processor group's lag every second from the fault on: how fast a backlog builds and is worked off. */
    private static final class LagTimeline {
        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        private final List<String> samples = java.util.Collections.synchronizedList(new ArrayList<>());
        private final GroupLag lag;
        private final String group;

        LagTimeline(String bootstrapServers, String group) {
            this.lag = new GroupLag(bootstrapServers);
            this.group = group;
            sampler.scheduleAtFixedRate(() -> {
                try {
                    Map<String, Long> byTopic = lag.byTopic(group);
                    if (samples.isEmpty()) {
                        samples.add("(at the fault, by topic: " + byTopic + ")");
                    }
                    samples.add(Long.toString(byTopic.values().stream().mapToLong(Long::longValue).sum()));
                } catch (RuntimeException e) {
                    samples.add("?"); // the broker is down
                }
            }, 0, 1, TimeUnit.SECONDS);
        }

        String stop() {
            sampler.shutdownNow();
            try {
                sampler.awaitTermination(10, TimeUnit.SECONDS); // a sample in flight ends before its admin client closes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            lag.close();
            return group + " lag each second from the fault: " + String.join(" ", samples);
        }
    }

    /** Seconds from the restart until a new message through it (or a gateway) is answered; each failed try is printed. */
    private double recoverySeconds(String component, Instant restarted) {
        String gateway = component.equals("gateway-b") ? "gateway-b" : "gateway-a";
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            try (ChatClient probe = ChatClient.connect(stack.gatewayPort(gateway), TOKENS.issue("cust_001", Duration.ofMinutes(5)))) {
                probe.next("connected");
                probe.send(Map.of("action", "sendMessage", "text", "hello", "clientMessageId", "probe-" + UUID.randomUUID()));
                String id = probe.next("ack", Duration.ofSeconds(5)).get("messageId").asText();
                // One deadline for the whole attempt: the customer's other replies keep arriving on this socket too,
                // and a per-reply wait never ran out while they did (a CI run waited 340 s for one lost reply).
                Instant attemptEnds = Instant.now().plusSeconds(30);
                while (true) {
                    JsonNode reply = probe.next("reply", Duration.ofMillis(Math.max(1, Duration.between(Instant.now(), attemptEnds).toMillis())));
                    if (id.equals(reply.path("inReplyTo").asText())) {
                        return Duration.between(restarted, Instant.now()).toMillis() / 1000.0;
                    }
                }
            } catch (RuntimeException | AssertionError e) {
                System.out.printf("  probe after %.1f s: %s%n", Duration.between(restarted, Instant.now()).toMillis() / 1000.0, e);
                sleep(200); // not yet: the gateway, the broker or the group is still coming back
            }
        }
        return Double.NaN;
    }

    private Result count(String scenario, String prefix, List<SimClient> clients, double working, double recovery, double drain) {
        Set<String> acked = new HashSet<>();
        Map<String, String> ackedByClientId = new HashMap<>();
        int sent = 0;
        int duplicateMessages = 0;
        int neverReceived = 0;
        int duplicateFrames = 0;
        for (SimClient c : clients) {
            sent += c.sent.get();
            duplicateFrames += c.duplicateFrames.get();
            for (var e : c.ackedIds.entrySet()) {
                acked.add(e.getValue());
                String before = ackedByClientId.put(c.customer + "|" + e.getKey(), e.getValue());
                if (before != null && !before.equals(e.getValue())) {
                    duplicateMessages++;
                }
            }
            for (String id : c.ackedIds.values()) {
                if (!c.answered.contains(id)) {
                    neverReceived++;
                }
            }
        }
        // Inbound: every acked message is there; a clientMessageId under two message ids is a duplicate message.
        Map<String, Integer> inboundCopies = new HashMap<>();
        Map<String, Set<String>> idsPerClientMessage = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : readAll(Topics.INBOUND.name(), "read_committed")) {
            InboundMessage m = Topics.INBOUND.valueSerde().deserializer().deserialize(r.topic(), r.value());
            if (m != null && m.clientMessageId() != null && m.clientMessageId().startsWith(prefix)) {
                inboundCopies.merge(m.messageId(), 1, Integer::sum);
                idsPerClientMessage.computeIfAbsent(m.customerId() + "|" + m.clientMessageId(), k -> new HashSet<>()).add(m.messageId());
            }
        }
        duplicateMessages += (int) idsPerClientMessage.values().stream().filter(s -> s.size() > 1).count();
        int lost = (int) acked.stream().filter(id -> !inboundCopies.containsKey(id)).count();
        int resendCopies = inboundCopies.values().stream().mapToInt(n -> n - 1).sum();
        int duplicateReplies = duplicateReplies(inboundCopies.keySet(), "read_committed");
        int duplicateUncommitted = duplicateReplies(inboundCopies.keySet(), "read_uncommitted");
        Map<String, Integer> commands = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : readAll(Topics.DEVICE_COMMANDS.name(), "read_committed")) {
            DeviceCommand c = Topics.DEVICE_COMMANDS.valueSerde().deserializer().deserialize(r.topic(), r.value());
            if (c != null && inboundCopies.containsKey(c.inReplyTo())) {
                commands.merge(c.commandId(), 1, Integer::sum);
            }
        }
        int duplicateCommands = commands.values().stream().mapToInt(n -> n - 1).sum();
        // The messages table: one item per message id (the customer's and the bot's), and every acked message in it.
        Map<String, Integer> items = new HashMap<>();
        try (DynamoDbClient dynamo = DynamoClients.forEndpoint(stack.dynamoEndpoint().toString())) {
            String table = new TableNames(stack.environment()).messages();
            Map<String, AttributeValue> start = null;
            do {
                var page = dynamo.scan(ScanRequest.builder().tableName(table).exclusiveStartKey(start).build());
                for (var item : page.items()) {
                    String id = item.containsKey("messageId") ? item.get("messageId").s() : null;
                    String base = id == null ? null : id.endsWith("-r") ? id.substring(0, id.length() - 2) : id;
                    if (base != null && inboundCopies.containsKey(base)) {
                        items.merge(id, 1, Integer::sum);
                    }
                }
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
        }
        int duplicateHistory = items.values().stream().mapToInt(n -> n - 1).sum();
        lost += (int) acked.stream().filter(id -> !items.containsKey(id)).count();
        return new Result(scenario, sent, acked.size(), lost, duplicateMessages, resendCopies, duplicateHistory, duplicateReplies,
                duplicateUncommitted, duplicateCommands, neverReceived, duplicateFrames, working, recovery, drain);
    }

    private int duplicateReplies(Set<String> messages, String isolation) {
        Map<String, Integer> perMessage = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : readAll(Topics.REPLIES.name(), isolation)) {
            Reply reply;
            try {
                reply = Topics.REPLIES.valueSerde().deserializer().deserialize(r.topic(), r.value());
            } catch (RuntimeException e) {
                continue;
            }
            if (reply != null && reply.inReplyTo() != null && messages.contains(reply.inReplyTo()) && reply.from() == null) {
                perMessage.merge(reply.inReplyTo(), 1, Integer::sum);
            }
        }
        return perMessage.values().stream().mapToInt(n -> n - 1).sum();
    }

    /** Everything on a topic now, from the beginning to the end offsets taken at the start. */
    private List<ConsumerRecord<byte[], byte[]>> readAll(String topic, String isolation) {
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
            }
        }
        return all;
    }

    /** A client that behaves like the chat page. */
    private final class SimClient {
        final String customer;
        final String prefix;
        String home;
        volatile ChatClient socket;
        volatile String conversationId;
        volatile String lastReplyAt;
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger duplicateFrames = new AtomicInteger();
        final Map<String, String> pending = new ConcurrentHashMap<>(); // clientMessageId -> text
        final Map<String, String> ackedIds = new ConcurrentHashMap<>(); // clientMessageId -> messageId
        final Set<String> answered = ConcurrentHashMap.newKeySet();
        final Set<String> seenReplies = ConcurrentHashMap.newKeySet();
        final Map<String, Instant> unansweredSince = new ConcurrentHashMap<>();
        // The newest reply this client had when it first sent a message ("" = none yet), by clientMessageId and,
        // once acked, by messageId: the message's reply cannot sort before it, whatever came live since.
        final Map<String, String> cursorAtSend = new ConcurrentHashMap<>();
        // As the page: one resume for all overdue messages, twice as long between them while any stays
        // unanswered (3 s up to 30 s); a retryable error resends that message after 2 s, 4 s, ... 15 s.
        volatile Instant nextResume = Instant.EPOCH;
        volatile Duration resumeWait = Duration.ofSeconds(3);
        final Map<String, Duration> resendWait = new ConcurrentHashMap<>();
        final Map<String, Instant> resendAt = new ConcurrentHashMap<>();
        int next;

        SimClient(String customer, String home, String prefix) {
            this.customer = customer;
            this.home = home;
            this.prefix = prefix;
        }

        synchronized void sendNext() {
            String clientMessageId = prefix + next;
            String text = TEXTS[next % TEXTS.length];
            next++;
            pending.put(clientMessageId, text);
            cursorAtSend.put(clientMessageId, lastReplyAt == null ? "" : lastReplyAt);
            sent.incrementAndGet();
            send(clientMessageId, text);
        }

        private void send(String clientMessageId, String text) {
            ChatClient s = socket;
            if (s == null || !s.isOpen() || conversationId == null) {
                return; // sent again after the reconnect
            }
            try {
                s.send(Map.of("action", "sendMessage", "text", text, "clientMessageId", clientMessageId, "conversationId", conversationId));
            } catch (RuntimeException e) {
                // the socket just closed: upkeep reconnects and resends
            }
        }

        /** Reconnects (its gateway, else the other), resends what was not acked, resumes when replies are overdue. */
        void upkeep() {
            ChatClient s = socket;
            if (s == null || !s.isOpen()) {
                connect();
                return;
            }
            Instant now = Instant.now();
            if (unansweredSince.isEmpty()) {
                resumeWait = Duration.ofSeconds(3);
            }
            boolean overdue = unansweredSince.values().stream().anyMatch(t -> t.isBefore(now.minusSeconds(3)));
            if (overdue && !now.isBefore(nextResume)) {
                nextResume = now.plus(resumeWait);
                resumeWait = doubled(resumeWait, Duration.ofSeconds(30));
                resume(resumeCursor());
            }
            // A retryable error leaves a message pending: resend it when its wait is over.
            resendAt.forEach((clientMessageId, at) -> {
                if (!now.isBefore(at) && resendAt.remove(clientMessageId, at)) {
                    String text = pending.get(clientMessageId);
                    if (text != null) {
                        send(clientMessageId, text);
                    }
                }
            });
        }

        private static Duration doubled(Duration wait, Duration cap) {
            Duration twice = wait.multipliedBy(2);
            return twice.compareTo(cap) > 0 ? cap : twice;
        }

        private synchronized void connect() {
            for (String gateway : List.of(home, home.equals("gateway-a") ? "gateway-b" : "gateway-a")) {
                try {
                    ChatClient c = ChatClient.connect(stack.gatewayPort(gateway), TOKENS.issue(customer, Duration.ofHours(1)), this::frame);
                    socket = c;
                    // The "connected" frame can arrive (on the socket's thread) before this assignment, when its
                    // resend found no socket: send what is pending again now (a resend is never a second message).
                    pending.forEach(this::send);
                    return;
                } catch (RuntimeException e) {
                    // that gateway is down: try the other
                }
            }
        }

        private void frame(JsonNode frame) {
            switch (frame.path("type").asText()) {
                case "connected" -> {
                    boolean reconnect = conversationId != null;
                    if (!reconnect) {
                        conversationId = frame.get("conversationId").asText();
                    }
                    if (reconnect) {
                        resume(resumeCursor());
                    }
                    pending.forEach(this::send);
                }
                case "error" -> {
                    String clientMessageId = frame.path("clientMessageId").asText(null);
                    if (clientMessageId != null && frame.path("retryable").asBoolean() && pending.containsKey(clientMessageId)) {
                        Duration wait = resendWait.merge(clientMessageId, Duration.ofSeconds(2), (was, first) -> doubled(was, Duration.ofSeconds(15)));
                        resendAt.put(clientMessageId, Instant.now().plus(wait));
                    }
                }
                case "ack" -> {
                    String clientMessageId = frame.get("clientMessageId").asText();
                    String id = frame.get("messageId").asText();
                    pending.remove(clientMessageId);
                    resendWait.remove(clientMessageId);
                    resendAt.remove(clientMessageId);
                    ackedIds.put(clientMessageId, id);
                    String cursor = cursorAtSend.remove(clientMessageId);
                    if (!answered.contains(id)) {
                        unansweredSince.putIfAbsent(id, Instant.now());
                        if (cursor != null) {
                            cursorAtSend.putIfAbsent(id, cursor);
                        }
                    }
                }
                case "reply" -> reply(frame.path("messageId").asText(), frame.path("inReplyTo").asText(), frame.path("timestamp").asText(), true);
                case "missed" -> {
                    JsonNode messages = frame.get("messages");
                    for (JsonNode m : messages) {
                        if ("bot".equals(m.path("userId").asText())) {
                            reply(m.path("messageId").asText(), m.path("inReplyTo").asText(), m.path("timestamp").asText(), false);
                        }
                    }
                    if (frame.path("more").asBoolean() && !messages.isEmpty()) {
                        resume(messages.get(messages.size() - 1).path("timestamp").asText());
                    }
                }
                default -> {
                }
            }
        }

        private void reply(String replyId, String inReplyTo, String timestamp, boolean live) {
            if (!seenReplies.add(replyId)) {
                if (live) {
                    duplicateFrames.incrementAndGet(); // the same reply pushed twice (a resume's copy is expected)
                }
                return;
            }
            answered.add(inReplyTo);
            unansweredSince.remove(inReplyTo);
            cursorAtSend.remove(inReplyTo);
            String last = lastReplyAt;
            if (last == null || timestamp.compareTo(last) > 0) {
                lastReplyAt = timestamp;
            }
        }

        /**
         * As docs/protocol.md says: the newest reply the client had when it first sent the oldest message still
         * without a reply. Not simply the newest reply: a later message's reply can arrive live while an earlier
         * one, pushed to a dead connection, is not yet in the history, and a cursor past it would skip it.
         */
        private String resumeCursor() {
            String oldest = cursorAtSend.values().stream().min(String::compareTo).orElse(lastReplyAt);
            return oldest == null || oldest.isEmpty() ? null : oldest;
        }

        private void resume(String since) {
            ChatClient s = socket;
            if (s == null) {
                return;
            }
            Map<String, Object> frame = new LinkedHashMap<>(Map.of("action", "resume", "conversationId", conversationId));
            if (since != null) {
                frame.put("since", since);
            }
            try {
                s.send(frame);
            } catch (RuntimeException e) {
                // closed: the reconnect resumes
            }
        }

        boolean waiting() {
            return !pending.isEmpty() || !unansweredSince.isEmpty();
        }

        String waitingFor() {
            return customer + " on " + home + ": not acked " + pending.keySet() + ", no reply to " + unansweredSince.keySet();
        }

        void close() {
            ChatClient s = socket;
            if (s != null) {
                s.close();
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
