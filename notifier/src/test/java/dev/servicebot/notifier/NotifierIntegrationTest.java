package dev.servicebot.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.servicebot.devstack.DevStack;
import dev.servicebot.devstack.DevStackExtension;
import dev.servicebot.devstack.TopicReader;
import dev.servicebot.gateway.ChatClient;
import dev.servicebot.gateway.DevTokens;
import dev.servicebot.gateway.GatewayConfig;
import dev.servicebot.gateway.GatewayServer;
import dev.servicebot.topics.Json;
import dev.servicebot.topics.Timestamps;
import dev.servicebot.topics.Topics;
import dev.servicebot.topics.model.Connection;
import dev.servicebot.topics.model.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The notifier with two real gateway instances on the devstack broker. */
@ExtendWith(DevStackExtension.class)
class NotifierIntegrationTest {
    private static DevStack stack;
    private static GatewayServer gatewayA;
    private static GatewayServer gatewayB;
    private static NotifierApp notifier;
    private static KafkaProducer<String, byte[]> producer;
    private static final DevTokens TOKENS = new DevTokens(GatewayConfig.DEV_SECRET);

    @BeforeAll
    static void start(DevStack devStack) throws Exception {
        stack = devStack;
        gatewayA = gateway("gw-a");
        gatewayB = gateway("gw-b");
        notifier = NotifierApp.start(config("notifier-it"));
        producer = new KafkaProducer<>(stack.producerConfig(), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stop() {
        notifier.close();
        gatewayA.close();
        if (gatewayB != null) {
            gatewayB.close();
        }
        producer.close();
    }

    static GatewayServer gateway(String id) {
        return GatewayServer.start(GatewayConfig.fromEnvironment(Map.of("SERVICEBOT_GATEWAY_PORT", "0", "SERVICEBOT_GATEWAY_INTERNAL_PORT", "0",
                "SERVICEBOT_GATEWAY_ID", id, "SERVICEBOT_KAFKA_BOOTSTRAP", stack.bootstrapServers(),
                "SERVICEBOT_ENV", stack.tables().environment(), "SERVICEBOT_DEV_MODE", "true")), stack.dynamo());
    }

    static NotifierApp.Config config(String group) {
        return NotifierApp.Config.fromEnvironment(Map.of("SERVICEBOT_KAFKA_BOOTSTRAP", stack.bootstrapServers(), "SERVICEBOT_DEV_MODE", "true",
                "SERVICEBOT_NOTIFIER_GROUP", group, "SERVICEBOT_NOTIFIER_HTTP_PORT", "0"));
    }

    static ChatClient connect(GatewayServer gateway, String customer) {
        ChatClient client = ChatClient.connect(gateway.publicPort(), TOKENS.issue(customer, Duration.ofMinutes(10)));
        client.next("connected");
        return client;
    }

    @Test
    void aReplyReachesItsCustomerOnEveryTabAcrossGateways() throws Exception {
        try (ChatClient onB = connect(gatewayB, "cust_002"); ChatClient onA = connect(gatewayA, "cust_002");
             ChatClient someoneElse = connect(gatewayA, "cust_001")) {
            Thread.sleep(1500); // the connections reach the notifier's directory through Kafka
            Reply reply = reply("cust_002", "Your speaker is online.");
            publish(reply, false);
            assertThat(onB.next("reply").get("messageId").asText()).isEqualTo(reply.messageId());
            assertThat(onA.next("reply").get("messageId").asText()).isEqualTo(reply.messageId());
            assertThat(catchNothing(someoneElse)).as("a reply goes only to its customer").isTrue();
        }
    }

    @Test
    void aGoneConnectionGetsATombstoneAndNoFurtherAttempts() throws Exception {
        String ghost = "c-ghost-" + UUID.randomUUID();
        Connection stale = new Connection(ghost, "cust_003", Timestamps.format(Instant.now()), Instant.now().plusSeconds(3600).getEpochSecond(),
                "gw-a", gatewayA.config().deliveryUrl() + "/internal/connections/" + ghost);
        producer.send(new ProducerRecord<>(Topics.CONNECTIONS.name(), ghost, Json.write(stale))).get();
        Thread.sleep(1000);
        publish(reply("cust_003", "anyone there?"), false);
        var records = TopicReader.readUntil(stack.bootstrapServers(), Topics.CONNECTIONS.name(), new StringDeserializer(),
                Topics.CONNECTIONS.valueSerde().deserializer(),
                read -> read.stream().anyMatch(r -> ghost.equals(r.key()) && r.value() == null), Duration.ofSeconds(20));
        assertThat(records).anySatisfy(r -> {
            assertThat(r.key()).isEqualTo(ghost);
            assertThat(r.value()).isNull();
        });
        double goneBefore = metric("servicebot_notifier_gone_total");
        publish(reply("cust_003", "still there?"), false);
        Thread.sleep(1500);
        assertThat(metric("servicebot_notifier_gone_total")).as("no second attempt at a gone connection").isEqualTo(goneBefore);
    }

    @Test
    void aConnectionRecordNamingAnotherAddressNeverGetsTheSecret() throws Exception {
        // Someone who can write to the connections topic announces a "gateway" of theirs (127.0.0.2 is
        // loopback too, but not in the default SERVICEBOT_NOTIFIER_DELIVERY_HOSTS of 127.0.0.1,localhost).
        java.util.List<String> secretsSeen = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer attacker = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.2", 0), 0);
        attacker.createContext("/", exchange -> {
            secretsSeen.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Servicebot-Secret")));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        attacker.start();
        try {
            String id = "c-forged-" + UUID.randomUUID();
            String base = "http://127.0.0.2:" + attacker.getAddress().getPort();
            Connection forged = new Connection(id, "cust_003", Timestamps.format(Instant.now()), Instant.now().plusSeconds(3600).getEpochSecond(),
                    "gw-evil", base + "/internal/connections/" + id);
            producer.send(new ProducerRecord<>(Topics.CONNECTIONS.name(), id, Json.write(forged))).get();
            Thread.sleep(1000);
            double refusedBefore = metric("servicebot_notifier_untrusted_gateway_total");
            publish(reply("cust_003", "this is private"), false);
            long deadline = System.currentTimeMillis() + 10_000;
            while (metric("servicebot_notifier_untrusted_gateway_total") == refusedBefore && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertThat(metric("servicebot_notifier_untrusted_gateway_total")).isGreaterThan(refusedBefore);
            assertThat(secretsSeen).as("requests the forged gateway received").isEmpty();
        } finally {
            attacker.stop(0);
        }
    }

    @Test
    void replayedRepliesAreNotPushed() throws Exception {
        try (ChatClient client = connect(gatewayA, "cust_001")) {
            Thread.sleep(1500);
            publish(reply("cust_001", "from a replay"), true);
            Reply live = reply("cust_001", "live reply");
            publish(live, false);
            JsonNode first = client.next("reply");
            assertThat(first.get("messageId").asText()).as("the replayed reply was skipped").isEqualTo(live.messageId());
        }
    }

    /**
     * A gateway that crashed leaves its connections registered with an address nobody answers on
     * (a graceful stop retires them itself). Deliveries there must give up, and not hold up others.
     */
    @Test
    void aDeadGatewayDoesNotStallTheOtherAndIsNotRetriedForever() throws Exception {
        String dead = "http://127.0.0.1:" + dev.servicebot.devstack.Ports.free() + "/internal/connections/";
        for (int i = 0; i < 3; i++) {
            String id = "c-crashed-" + i + "-" + UUID.randomUUID();
            Connection orphan = new Connection(id, "cust_003", Timestamps.format(Instant.now()), Instant.now().plusSeconds(3600).getEpochSecond(),
                    "gw-crashed", dead + id);
            producer.send(new ProducerRecord<>(Topics.CONNECTIONS.name(), id, Json.write(orphan))).get();
        }
        try (ChatClient survivor = connect(gatewayB, "cust_002")) {
            Thread.sleep(1500);
            for (int i = 0; i < 5; i++) {
                publish(reply("cust_003", "to the crashed gateway " + i), false);
            }
            long start = System.nanoTime();
            Reply forSurvivor = reply("cust_002", "you are fine");
            publish(forSurvivor, false);
            assertThat(survivor.next("reply", Duration.ofSeconds(15)).get("messageId").asText()).isEqualTo(forSurvivor.messageId());
            long waitedMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(waitedMs).as("bounded by one round of retries, not by the dead gateway").isLessThan(8_000);
            long deadline = System.currentTimeMillis() + 20_000;
            while (metric("servicebot_notifier_failed_total") < 15 && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            double failed = metric("servicebot_notifier_failed_total");
            assertThat(failed).as("5 replies x 3 dead connections given up").isGreaterThanOrEqualTo(15);
            Thread.sleep(3000);
            assertThat(metric("servicebot_notifier_failed_total")).as("given up, not retried forever").isEqualTo(failed);
        }
    }

    @Test
    void aRestartedNotifierStillKnowsWhoIsConnected() throws Exception {
        try (ChatClient client = connect(gatewayA, "cust_002")) {
            Thread.sleep(1500);
            notifier.close();
            notifier = NotifierApp.start(config("notifier-it"));
            Reply reply = reply("cust_002", "after the restart");
            publish(reply, false);
            assertThat(client.next("reply", Duration.ofSeconds(15)).get("messageId").asText()).isEqualTo(reply.messageId());
        }
    }

    private static boolean catchNothing(ChatClient client) {
        try {
            client.next("reply", Duration.ofMillis(1500));
            return false;
        } catch (AssertionError expected) {
            return true;
        }
    }

    private static double metric(String name) throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        String body = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + notifier.httpPort() + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        return body.lines().filter(l -> l.startsWith(name)).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static Reply reply(String customer, String text) {
        String id = "msg-" + UUID.randomUUID();
        return new Reply(id + "-r", id, "conv-n", customer, text, null, List.of(), null, Timestamps.format(Instant.now()));
    }

    private static void publish(Reply reply, boolean replay) throws Exception {
        RecordHeaders headers = new RecordHeaders();
        if (replay) {
            headers.add(ReplyNotifier.REPLAY_HEADER, "true".getBytes());
        }
        producer.send(new ProducerRecord<>(Topics.REPLIES.name(), null, reply.customerId(), Json.write(reply), headers)).get();
    }
}
