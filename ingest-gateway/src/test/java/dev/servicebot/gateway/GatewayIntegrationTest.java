package dev.servicebot.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.servicebot.devstack.DevStack;
import dev.servicebot.devstack.DevStackExtension;
import dev.servicebot.devstack.TopicReader;
import dev.servicebot.topics.Json;
import dev.servicebot.topics.Topics;
import dev.servicebot.topics.delivery.DeliveryContract;
import dev.servicebot.topics.model.Connection;
import dev.servicebot.topics.model.HistoryMessage;
import dev.servicebot.topics.model.InboundMessage;
import dev.servicebot.topics.model.Reply;
import dev.servicebot.topics.model.RequestType;
import dev.servicebot.topics.tables.Items;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The gateway with real WebSocket clients against the devstack broker and dynalite. */
@ExtendWith(DevStackExtension.class)
class GatewayIntegrationTest {
    private static GatewayServer gateway;
    private static DevStack stack;
    private static int port;

    @BeforeAll
    static void start(DevStack devStack) {
        stack = devStack;
        gateway = GatewayHarness.start(stack);
        port = gateway.publicPort();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void onlyAValidTokenForAKnownCustomerGetsASocket() throws Exception {
        assertThat(GatewayHarness.upgradeStatus(port, "")).isEqualTo(401);
        assertThat(GatewayHarness.upgradeStatus(port, "?token=not.a.jwt")).isEqualTo(401);
        String forged = new DevTokens("another-secret-that-is-long-enough-0123456789").issue("cust_001", Duration.ofMinutes(5));
        assertThat(GatewayHarness.upgradeStatus(port, "?token=" + forged)).isEqualTo(401);
        String expired = new DevTokens(GatewayConfig.DEV_SECRET).issue("cust_001", Duration.ofMinutes(-5));
        assertThat(GatewayHarness.upgradeStatus(port, "?token=" + expired)).isEqualTo(401);
        String justExpired = new DevTokens(GatewayConfig.DEV_SECRET).issue("cust_001", Duration.ofSeconds(-10)); // within the clock skew
        assertThat(GatewayHarness.upgradeStatus(port, "?token=" + justExpired)).as("not a socket closed at once").isEqualTo(401);
        assertThat(GatewayHarness.get(port, "/api/me", Map.of("Authorization", "Bearer " + justExpired)).statusCode()).isEqualTo(401);
        assertThat(GatewayHarness.upgradeStatus(port, "?token=" + GatewayHarness.token("cust_999"))).isEqualTo(403);
        assertThat(GatewayHarness.upgradeStatus(port, "?token=" + GatewayHarness.token("cust_001"))).isEqualTo(101);
    }

    @Test
    void anAckMeansKafkaHasTheMessageAsTheTokensCustomer() {
        try (ChatClient client = ChatClient.connect(port, GatewayHarness.token("cust_001"))) {
            JsonNode connected = client.next("connected");
            // A frame cannot claim to be someone else: there is no field for it, and extra fields are ignored.
            client.send(Map.of("action", "sendMessage", "text", "Is my speaker online?", "clientMessageId", "c-ack-1", "customerId", "cust_002"));
            JsonNode ack = client.next("ack");
            assertThat(ack.get("clientMessageId").asText()).isEqualTo("c-ack-1");
            assertThat(ack.get("conversationId").asText()).isEqualTo(connected.get("conversationId").asText());
            String messageId = ack.get("messageId").asText();

            InboundMessage stored = inbound(messageId);
            assertThat(stored.customerId()).isEqualTo("cust_001");
            assertThat(stored.text()).isEqualTo("Is my speaker online?");
            assertThat(stored.timestamp()).isEqualTo(ack.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}000Z");
            assertThat(stored.connectionId()).isEqualTo(connected.get("connectionId").asText());
        }
    }

    @Test
    void timestampsAreUniqueAndIncreasingWithinAConversation() {
        try (ChatClient client = ChatClient.connect(port, GatewayHarness.token("cust_002"))) {
            client.next("connected");
            String previous = "";
            for (int i = 0; i < 5; i++) {
                client.send(Map.of("action", "sendMessage", "text", "message " + i));
                String timestamp = client.next("ack").get("timestamp").asText();
                assertThat(timestamp).isGreaterThan(previous);
                previous = timestamp;
            }
        }
    }

    @Test
    void aResendWithTheSameClientMessageIdIsNotASecondMessageEvenAfterAReconnect() {
        String clientMessageId = "c-dedupe-" + UUID.randomUUID();
        String first;
        String conversation;
        try (ChatClient client = ChatClient.connect(port, GatewayHarness.token("cust_003"))) {
            conversation = client.next("connected").get("conversationId").asText();
            client.send(Map.of("action", "sendMessage", "text", "turn it up", "clientMessageId", clientMessageId));
            first = client.next("ack").get("messageId").asText();
        }
        try (ChatClient again = ChatClient.connect(port, GatewayHarness.token("cust_003"))) {
            again.next("connected");
            again.send(Map.of("action", "sendMessage", "text", "turn it up", "clientMessageId", clientMessageId, "conversationId", conversation));
            assertThat(again.next("ack").get("messageId").asText()).isEqualTo(first);
        }
        List<ConsumerRecord<String, InboundMessage>> all = TopicReader.readUntil(stack.bootstrapServers(), Topics.INBOUND.name(),
                new StringDeserializer(), Topics.INBOUND.valueSerde().deserializer(), read -> false, Duration.ofSeconds(3));
        assertThat(all).filteredOn(r -> clientMessageId.equals(r.value().clientMessageId())).hasSize(1);
    }

    @Test
    void everyBadInputGetsItsErrorCodeAndNothingReachesKafka() {
        try (ChatClient client = ChatClient.connect(port, GatewayHarness.token("cust_001"))) {
            client.next("connected");
            assertError(client, "{not json", "invalid_json");
            assertError(client, "[1,2]", "invalid_json");
            assertError(client, Map.of("text", "no action"), "invalid_json");
            assertError(client, Map.of("action", "shout", "clientMessageId", "c-x"), "unknown_action");
            assertError(client, Map.of("action", "sendMessage"), "empty_text");
            assertError(client, Map.of("action", "sendMessage", "text", "   \n\t "), "empty_text");
            assertError(client, Map.of("action", "sendMessage", "text", "x".repeat(4001)), "text_too_long");
            assertError(client, Map.of("action", "sendMessage", "text", "hi", "clientMessageId", "has spaces"), "invalid_request");
            assertError(client, Map.of("action", "history", "limit", 1000), "invalid_request");
            assertError(client, Map.of("action", "resume", "since", "yesterday"), "invalid_request");
            client.sendBinary(new byte[]{1, 2, 3});
            assertThat(client.next("error").get("code").asText()).isEqualTo("binary_not_supported");
            // Still open and answering after all of that.
            client.send(Map.of("action", "ping"));
            client.next("pong");
        }
    }

    @Test
    void anotherCustomersConversationIsForbidden() {
        String theirs = "conv-other-" + UUID.randomUUID();
        putHistory(new HistoryMessage(theirs, "2026-11-26T10:00:00.000000Z", "cust_002", "my private message", null, null, null, "m-priv", null));
        try (ChatClient client = ChatClient.connect(port, GatewayHarness.token("cust_001"))) {
            client.next("connected");
            client.send(Map.of("action", "sendMessage", "text", "hello", "conversationId", theirs, "clientMessageId", "c-f"));
            JsonNode error = client.next("error");
            assertThat(error.get("code").asText()).isEqualTo("forbidden");
            assertThat(error.get("clientMessageId").asText()).isEqualTo("c-f");
            client.send(Map.of("action", "history", "conversationId", theirs));
            assertThat(client.next("error").get("code").asText()).isEqualTo("forbidden");
        }
    }

    @Test
    void tooManyMessagesAreRateLimitedAndTheConnectionStaysOpen() {
        try (ChatClient client = ChatClient.connect(port, GatewayHarness.token("cust_002"))) {
            client.next("connected");
            for (int i = 0; i < 30; i++) {
                client.send(Map.of("action", "sendMessage", "text", "spam " + i, "clientMessageId", "spam-" + UUID.randomUUID()));
            }
            int limited = 0;
            int acked = 0;
            while (limited + acked < 30) {
                JsonNode frame = client.next(null, Duration.ofSeconds(10));
                if ("ack".equals(frame.path("type").asText())) {
                    acked++;
                } else if ("rate_limited".equals(frame.path("code").asText())) {
                    limited++;
                }
            }
            assertThat(limited).isGreaterThanOrEqualTo(5);
            assertThat(acked).isBetween(20, 25);
            client.send(Map.of("action", "ping"));
            client.next("pong");
        }
    }

    @Test
    void aFrameOver128KbClosesTheSocketWith1009() {
        try (ChatClient client = ChatClient.connect(port, GatewayHarness.token("cust_001"))) {
            client.next("connected");
            client.send("{\"action\":\"sendMessage\",\"text\":\"" + "x".repeat(130 * 1024) + "\"}");
            assertThat(client.closeCode(Duration.ofSeconds(10))).isEqualTo(1009);
        }
    }

    @Test
    void connectionsAreAnnouncedOnOpenAndRetiredOnClose() throws Exception {
        String connectionId;
        try (ChatClient client = ChatClient.connect(port, GatewayHarness.token("cust_003"))) {
            connectionId = client.next("connected").get("connectionId").asText();
        }
        List<ConsumerRecord<String, Connection>> records = TopicReader.readUntil(stack.bootstrapServers(), Topics.CONNECTIONS.name(),
                new StringDeserializer(), Topics.CONNECTIONS.valueSerde().deserializer(),
                read -> read.stream().anyMatch(r -> connectionId.equals(r.key()) && r.value() == null), Duration.ofSeconds(15));
        List<ConsumerRecord<String, Connection>> ours = records.stream().filter(r -> connectionId.equals(r.key())).toList();
        assertThat(ours).hasSize(2);
        Connection opened = ours.get(0).value();
        assertThat(opened.userId()).isEqualTo("cust_003");
        assertThat(opened.gatewayId()).isEqualTo(gateway.config().gatewayId());
        assertThat(opened.deliveryUrl()).isEqualTo("http://127.0.0.1:" + gateway.internalPort() + "/internal/connections/" + connectionId);
        assertThat(opened.ttl()).isGreaterThan(java.time.Instant.now().plus(Duration.ofHours(23)).getEpochSecond());
        assertThat(ours.get(1).value()).as("tombstone on close").isNull();
    }

    @Test
    void theDeliveryEndpointNeedsTheSecretAndReachesOnlyLiveSockets() throws Exception {
        int internal = gateway.internalPort();
        Map<String, String> secret = Map.of(DeliveryContract.SECRET_HEADER, gateway.config().internalSecret());
        try (ChatClient client = ChatClient.connect(port, GatewayHarness.token("cust_001"))) {
            JsonNode connected = client.next("connected");
            String path = "/internal/connections/" + connected.get("connectionId").asText();
            Reply reply = new Reply("m-1-r", "m-1", connected.get("conversationId").asText(), "cust_001", "Your speaker is online.",
                    RequestType.of("device_status"), List.of("status_check"), true, "2026-11-26T10:00:00.000001Z");
            String body = Json.writeString(reply);

            assertThat(GatewayHarness.send("POST", internal, path, Map.of(), body).statusCode()).isEqualTo(401);
            assertThat(GatewayHarness.send("POST", internal, path, Map.of(DeliveryContract.SECRET_HEADER, "guess"), body).statusCode()).isEqualTo(401);
            assertThat(GatewayHarness.send("POST", port, path, secret, body).statusCode()).as("never on the public port").isEqualTo(404);
            assertThat(GatewayHarness.send("POST", internal, path, secret, "{\"oops\":1}").statusCode()).isEqualTo(400);
            String forSomeoneElse = Json.writeString(new Reply("m-2-r", "m-2", "c", "cust_002", "not yours", null, List.of(), null,
                    "2026-11-26T10:00:00.000001Z"));
            assertThat(GatewayHarness.send("POST", internal, path, secret, forSomeoneElse).statusCode()).isEqualTo(403);

            assertThat(GatewayHarness.send("POST", internal, path, secret, body).statusCode()).isEqualTo(200);
            JsonNode frame = client.next("reply");
            assertThat(frame.get("messageId").asText()).isEqualTo("m-1-r");
            assertThat(frame.get("text").asText()).isEqualTo("Your speaker is online.");
            assertThat(frame.get("requestType").asText()).isEqualTo("device_status");

            var described = GatewayHarness.send("GET", internal, path, secret, null);
            assertThat(described.statusCode()).isEqualTo(200);
            assertThat(described.body()).contains("cust_001");

            assertThat(GatewayHarness.send("DELETE", internal, path, secret, null).statusCode()).isEqualTo(204);
            assertThat(client.closeCode(Duration.ofSeconds(5))).isEqualTo(1000);
            assertThat(GatewayHarness.send("POST", internal, path, secret, body).statusCode()).isEqualTo(410);
            assertThat(GatewayHarness.send("GET", internal, path, secret, null).statusCode()).isEqualTo(410);
        }
    }

    @Test
    void aBatchOfDeliveriesIsPushedInOrderWithAnOutcomeForEach() throws Exception {
        int internal = gateway.internalPort();
        Map<String, String> secret = Map.of(DeliveryContract.SECRET_HEADER, gateway.config().internalSecret());
        try (ChatClient client = ChatClient.connect(port, GatewayHarness.token("cust_001"))) {
            JsonNode connected = client.next("connected");
            String id = connected.get("connectionId").asText();
            String conversation = connected.get("conversationId").asText();
            List<Map<String, Object>> batch = List.of(
                    Map.of("connectionId", id, "reply", reply("b-1-r", "cust_001", conversation, "first")),
                    Map.of("connectionId", "no-such-connection", "reply", reply("b-2-r", "cust_001", conversation, "lost")),
                    Map.of("connectionId", id, "reply", reply("b-3-r", "cust_002", conversation, "not yours")),
                    Map.of("connectionId", id, "reply", reply("b-4-r", "cust_001", conversation, "second")));
            String body = Json.MAPPER.writeValueAsString(batch);

            assertThat(GatewayHarness.send("POST", internal, "/internal/deliveries", Map.of(), body).statusCode()).isEqualTo(401);
            assertThat(GatewayHarness.send("POST", internal, "/internal/deliveries", secret, "[{\"connectionId\":\"x\"}]").statusCode())
                    .isEqualTo(400);
            assertThat(GatewayHarness.send("POST", internal, "/internal/deliveries", secret, "{\"not\":\"a list\"}").statusCode())
                    .isEqualTo(400);
            var answer = GatewayHarness.send("POST", internal, "/internal/deliveries", secret, body);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(Json.MAPPER.readTree(answer.body())).extracting(r -> r.get("outcome").asText())
                    .containsExactly("delivered", "gone", "forbidden", "delivered");
            assertThat(client.next("reply").get("text").asText()).isEqualTo("first");
            assertThat(client.next("reply").get("text").asText()).isEqualTo("second");
        }
    }

    @Test
    void aReplyTheSocketAlreadyHasIsNotWrittenToItTwice() throws Exception {
        // A restarted notifier pushes again what it had not committed, and pushes late what a client resumed meanwhile.
        String conversation = "conv-dup-" + UUID.randomUUID();
        putHistory(new HistoryMessage(conversation, "2026-11-26T10:00:00.000000Z", "cust_002", "is it on?", null, null, null, "md-1", null));
        putHistory(new HistoryMessage(conversation, "2026-11-26T10:00:00.000001Z", "bot", "It is on.", null, null, null, "md-1-r", "md-1"));
        Map<String, String> secret = Map.of(DeliveryContract.SECRET_HEADER, gateway.config().internalSecret());
        try (ChatClient client = ChatClient.connect(port, GatewayHarness.token("cust_002"))) {
            String id = client.next("connected").get("connectionId").asText();
            client.send(Map.of("action", "resume", "conversationId", conversation));
            assertThat(client.next("missed").get("messages")).extracting(m -> m.get("messageId").asText()).contains("md-1-r");
            List<Map<String, Object>> batch = List.of(
                    Map.of("connectionId", id, "reply", reply("md-1-r", "cust_002", conversation, "It is on.")),
                    Map.of("connectionId", id, "reply", reply("md-2-r", "cust_002", conversation, "new")),
                    Map.of("connectionId", id, "reply", reply("md-2-r", "cust_002", conversation, "new")),
                    Map.of("connectionId", id, "reply", reply("md-3-r", "cust_002", conversation, "last")));
            var answer = GatewayHarness.send("POST", gateway.internalPort(), "/internal/deliveries", secret, Json.MAPPER.writeValueAsString(batch));
            assertThat(Json.MAPPER.readTree(answer.body())).extracting(r -> r.get("outcome").asText())
                    .as("a copy is delivered: the socket has it").containsExactly("delivered", "delivered", "delivered", "delivered");
            assertThat(client.next("reply").get("messageId").asText()).isEqualTo("md-2-r");
            assertThat(client.next("reply").get("messageId").asText()).as("no second md-2-r, no late md-1-r").isEqualTo("md-3-r");
        }
    }

    private static Reply reply(String id, String customer, String conversation, String text) {
        return new Reply(id, id.replace("-r", ""), conversation, customer, text, null, List.of(), null, "2026-11-26T10:00:00.000001Z");
    }

    @Test
    void aMessageToAConversationNobodyStartedIsRefusedAndNeverAcked() throws Exception {
        String later = "conv-later-" + UUID.randomUUID(); // an id a client made up
        try (ChatClient jane = ChatClient.connect(port, GatewayHarness.token("cust_001"))) {
            String own = jane.next("connected").get("conversationId").asText();
            jane.send(Map.of("action", "sendMessage", "text", "hello there", "conversationId", later, "clientMessageId", "c-later"));
            JsonNode refused = jane.next(null);
            assertThat(refused.get("type").asText()).isEqualTo("error");
            assertThat(refused.get("code").asText()).isEqualTo("forbidden");
            assertThat(refused.get("clientMessageId").asText()).isEqualTo("c-later");
            jane.send(Map.of("action", "history"));
            assertThat(jane.next("history").get("conversationId").asText()).as("still the connection's own").isEqualTo(own);
        }
    }

    @Test
    void profileAndHistoryAreReadFromDynamoForTheTokensCustomerOnly() throws Exception {
        String conversation = "conv-hist-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            putHistory(new HistoryMessage(conversation, "2026-11-26T10:00:0" + i + ".000000Z", "cust_002", "question " + i, null, null, null, "mh-" + i, null));
            putHistory(new HistoryMessage(conversation, "2026-11-26T10:00:0" + i + ".000001Z", "bot", "answer " + i, null, null, null, "mh-" + i + "-r", "mh-" + i));
        }
        Map<String, String> john = Map.of("Authorization", "Bearer " + GatewayHarness.token("cust_002"));
        Map<String, String> jane = Map.of("Authorization", "Bearer " + GatewayHarness.token("cust_001"));

        JsonNode me = Json.MAPPER.readTree(GatewayHarness.get(port, "/api/me", john).body());
        assertThat(me.at("/customer/name").asText()).isEqualTo("John Doe");
        assertThat(me.at("/customer/devices")).hasSize(2);
        assertThat(me.at("/tier/max_devices").asInt()).isEqualTo(3);
        assertThat(me.at("/upgrades/0/level").asText()).isEqualTo("enterprise");
        assertThat(me.at("/upgrades/0/adds").toString()).contains("multi_room_audio", "custom_actions");
        assertThat(GatewayHarness.get(port, "/api/me", Map.of()).statusCode()).isEqualTo(401);

        var page = Json.MAPPER.readTree(GatewayHarness.get(port, "/api/conversations/" + conversation + "/messages?limit=4", john).body());
        assertThat(page.get("messages")).extracting(m -> m.get("text").asText())
                .containsExactly("question 1", "answer 1", "question 2", "answer 2");
        assertThat(page.get("more").asBoolean()).isTrue();
        var older = Json.MAPPER.readTree(GatewayHarness.get(port, "/api/conversations/" + conversation
                + "/messages?limit=4&before=2026-11-26T10:00:01Z", john).body());
        assertThat(older.get("messages")).extracting(m -> m.get("text").asText()).containsExactly("question 0", "answer 0");
        assertThat(older.get("more").asBoolean()).isFalse();
        assertThat(GatewayHarness.get(port, "/api/conversations/" + conversation + "/messages", jane).statusCode()).isEqualTo(403);

        var mine = Json.MAPPER.readTree(GatewayHarness.get(port, "/api/me/messages?limit=100", john).body());
        assertThat(mine.get("messages")).extracting(m -> m.get("text").asText()).contains("question 0", "question 2").doesNotContain("answer 0");

        try (ChatClient client = ChatClient.connect(port, GatewayHarness.token("cust_002"))) {
            client.next("connected");
            client.send(Map.of("action", "history", "conversationId", conversation, "limit", 2));
            JsonNode history = client.next("history");
            assertThat(history.get("messages")).extracting(m -> m.get("text").asText()).containsExactly("question 2", "answer 2");
            client.send(Map.of("action", "resume", "conversationId", conversation, "since", "2026-11-26T10:00:01.000000Z"));
            JsonNode missed = client.next("missed");
            assertThat(missed.get("messages")).extracting(m -> m.get("text").asText()).containsExactly("answer 1", "question 2", "answer 2");
            assertThat(missed.get("more").asBoolean()).isFalse();
            client.send(Map.of("action", "resume", "conversationId", conversation, "limit", 2));
            JsonNode first = client.next("missed");
            assertThat(first.get("messages")).extracting(m -> m.get("text").asText()).containsExactly("question 0", "answer 0");
            assertThat(first.get("more").asBoolean()).as("a newer page exists").isTrue();
            var jane2 = ChatClient.connect(port, GatewayHarness.token("cust_001"));
            jane2.next("connected");
            jane2.send(Map.of("action", "resume", "conversationId", conversation));
            assertThat(jane2.next("error").get("code").asText()).as("another customer's conversation").isEqualTo("forbidden");
            jane2.close();
        }
    }

    @Test
    void aSocketIsClosedWhenItsTokenExpires() {
        DevTokens tokens = new DevTokens(GatewayConfig.DEV_SECRET);
        try (ChatClient customer = ChatClient.connect(port, tokens.issue("cust_001", Duration.ofSeconds(2)));
             ChatClient agent = ChatClient.agent(port, tokens.issueAgent("agent_001", "Sam Rivera", Duration.ofSeconds(2)))) {
            customer.next("connected");
            customer.send(Map.of("action", "ping"));
            customer.next("pong");
            assertThat(customer.closeCode(Duration.ofSeconds(8))).isEqualTo(1008);
            assertThat(agent.closeCode(Duration.ofSeconds(8))).isEqualTo(1008);
        }
        // A socket whose token outlives the test stays open.
        try (ChatClient lasting = ChatClient.connect(port, tokens.issue("cust_001", Duration.ofMinutes(5)))) {
            lasting.next("connected");
            assertThat(lasting.isOpen()).isTrue();
        }
    }

    @Test
    void aTokenWhoseSubjectIsNoCustomerIdIsABadRequestNotAServerError() throws Exception {
        DevTokens tokens = new DevTokens(GatewayConfig.DEV_SECRET);
        for (String subject : new String[] {"x".repeat(3000), " ", "cust 001", "../cust_001", "cust_001\n"}) {
            String token = tokens.issue(subject, Duration.ofMinutes(1));
            assertThat(GatewayHarness.upgradeStatus(port, "?token=" + token)).as("upgrade, sub %s", subject.length() > 20 ? "3000 x" : subject)
                    .isEqualTo(400);
            assertThat(GatewayHarness.get(port, "/api/me", Map.of("Authorization", "Bearer " + token)).statusCode()).isEqualTo(400);
        }
    }

    @Test
    void theHttpApiTakesTokensFromTheAuthorizationHeaderOnly() throws Exception {
        String token = GatewayHarness.token("cust_001");
        assertThat(GatewayHarness.get(port, "/api/me", Map.of("Authorization", "Bearer " + token)).statusCode()).isEqualTo(200);
        // In a URL it would end up in proxy and access logs.
        var inUrl = GatewayHarness.get(port, "/api/me?token=" + token, Map.of());
        assertThat(inUrl.statusCode()).isEqualTo(401);
        assertThat(inUrl.body()).contains("Authorization: Bearer");
    }

    @Test
    void theDevTokenRouteExistsOnlyInDevMode() throws Exception {
        var token = GatewayHarness.send("POST", port, "/dev/token", Map.of("Content-Type", "application/json"), "{\"customerId\":\"cust_001\"}");
        assertThat(token.statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(token.body()).get("token").asText()).contains(".");
        GatewayConfig production = GatewayHarness.config(stack, stack.bootstrapServers(), Map.of("SERVICEBOT_DEV_MODE", "false",
                "SERVICEBOT_JWT_SECRET", "production-jwt-secret-of-this-test-0123", "SERVICEBOT_INTERNAL_SECRET", "production-internal-secret-of-this-test",
                "SERVICEBOT_JWT_ISSUER", "https://id.example", "SERVICEBOT_JWT_AUDIENCE", "servicebot"));
        try (GatewayServer prod = GatewayServer.start(production, stack.dynamo())) {
            assertThat(GatewayHarness.send("POST", prod.publicPort(), "/dev/token", Map.of(), "{\"customerId\":\"cust_001\"}").statusCode())
                    .isEqualTo(404);
        }
    }

    @Test
    void healthSaysReadyWhileKafkaAnswersAndMetricsAreServedOnTheInternalPortOnly() throws Exception {
        assertThat(GatewayHarness.healthWithin10s(port, 200)).isEqualTo(200);
        assertThat(GatewayHarness.get(port, "/metrics", Map.of()).statusCode()).as("not on the public port").isEqualTo(404);
        String metrics = GatewayHarness.get(gateway.internalPort(), "/metrics", Map.of()).body();
        assertThat(metrics).contains("servicebot_gateway_connections", "servicebot_gateway_ack_latency_seconds_bucket",
                "servicebot_gateway_messages_accepted_total");
    }

    private static void assertError(ChatClient client, Object frame, String code) {
        client.send(frame);
        assertThat(client.next("error").get("code").asText()).as(String.valueOf(frame)).isEqualTo(code);
    }

    private static InboundMessage inbound(String messageId) {
        return TopicReader.readUntil(stack.bootstrapServers(), Topics.INBOUND.name(), new StringDeserializer(),
                        Topics.INBOUND.valueSerde().deserializer(),
                        read -> read.stream().anyMatch(r -> r.value().messageId().equals(messageId)), Duration.ofSeconds(15))
                .stream().map(ConsumerRecord::value).filter(m -> m.messageId().equals(messageId)).findFirst()
                .orElseThrow(() -> new AssertionError("acked message " + messageId + " is not in Kafka"));
    }

    private static void putHistory(HistoryMessage message) {
        stack.dynamo().putItem(b -> b.tableName(stack.tables().messages()).item(Items.of(message)));
    }
}
