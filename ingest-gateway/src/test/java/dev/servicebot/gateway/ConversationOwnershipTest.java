package dev.servicebot.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.servicebot.devstack.DevStack;
import dev.servicebot.devstack.DevStackExtension;
import dev.servicebot.devstack.TopicReader;
import dev.servicebot.topics.Topics;
import dev.servicebot.topics.model.Customer;
import dev.servicebot.topics.model.Device;
import dev.servicebot.topics.model.HistoryMessage;
import dev.servicebot.topics.model.InboundMessage;
import dev.servicebot.topics.tables.Items;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A conversation is one customer's: customer B can neither read nor write A's conversation, whether
 * it is fresh (nothing stored yet), established, or being written by A at the same moment, with both
 * customers on one inbound partition and on two; and nobody can claim an id of their own choosing.
 * Every refusal is a {@code forbidden} error frame in place of the ack, and nothing reaches Kafka.
 */
@ExtendWith(DevStackExtension.class)
class ConversationOwnershipTest {
    private static final int RACES = 30;
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
    void anotherCustomerCannotReadOrWriteAFreshConversation() throws Exception {
        try (ChatClient jane = ChatClient.connect(port, GatewayHarness.token("cust_001"));
             ChatClient john = ChatClient.connect(port, GatewayHarness.token("cust_002"))) {
            String janes = jane.next("connected").get("conversationId").asText();
            john.next("connected");
            assertRefused(john, Map.of("action", "history", "conversationId", janes));
            assertRefused(john, Map.of("action", "resume", "conversationId", janes));
            assertRefused(john, Map.of("action", "sendMessage", "text", "mine now", "conversationId", janes, "clientMessageId", "j-1"));
            var http = GatewayHarness.get(port, "/api/conversations/" + janes + "/messages",
                    Map.of("Authorization", "Bearer " + GatewayHarness.token("cust_002")));
            assertThat(http.statusCode()).isEqualTo(403);
            // Refusals cost the owner nothing: Jane still writes there.
            jane.send(Map.of("action", "sendMessage", "text", "hello", "clientMessageId", "ja-1"));
            assertThat(jane.next(null).get("conversationId").asText()).isEqualTo(janes);
        }
    }

    @Test
    void anotherCustomerCannotReadOrWriteAnEstablishedConversation() throws Exception {
        String janes;
        try (ChatClient jane = ChatClient.connect(port, GatewayHarness.token("cust_001"))) {
            janes = jane.next("connected").get("conversationId").asText();
            jane.send(Map.of("action", "sendMessage", "text", "my secret", "clientMessageId", "est-1"));
            jane.next("ack");
        }
        // What the sink would have stored by now.
        putHistory(new HistoryMessage(janes, "2026-12-04T10:00:00.000000Z", "cust_001", "my secret", null, null, null, "m-est", null));
        try (ChatClient john = ChatClient.connect(port, GatewayHarness.token("cust_002"));
             ChatClient jane = ChatClient.connect(port, GatewayHarness.token("cust_001"))) {
            john.next("connected");
            jane.next("connected");
            assertRefused(john, Map.of("action", "history", "conversationId", janes));
            assertRefused(john, Map.of("action", "resume", "conversationId", janes));
            assertRefused(john, Map.of("action", "sendMessage", "text", "hi", "conversationId", janes, "clientMessageId", "j-2"));
            jane.send(Map.of("action", "history", "conversationId", janes));
            assertThat(jane.next(null).toString()).contains("my secret");
        }
    }

    @Test
    void nobodyCanStartAConversationUnderAnIdOfTheirOwnChoosing() {
        try (ChatClient jane = ChatClient.connect(port, GatewayHarness.token("cust_001"))) {
            jane.next("connected");
            String chosen = "conv-mine-" + UUID.randomUUID();
            assertRefused(jane, Map.of("action", "sendMessage", "text", "hello", "conversationId", chosen, "clientMessageId", "sq-1"));
            // Shaped like a minted id, with a tag nobody computed: as good as a guess.
            String forged = "conv-AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA";
            assertRefused(jane, Map.of("action", "sendMessage", "text", "hello", "conversationId", forged, "clientMessageId", "sq-2"));
            assertRefused(jane, Map.of("action", "history", "conversationId", chosen));
        }
    }

    @Test
    void aSquatterCannotBlockTheOwner() {
        // John learns (or guesses) the id Jane was given, and writes to it first, again and again.
        try (ChatClient jane = ChatClient.connect(port, GatewayHarness.token("cust_001"));
             ChatClient john = ChatClient.connect(port, GatewayHarness.token("cust_002"))) {
            String janes = jane.next("connected").get("conversationId").asText();
            john.next("connected");
            for (int i = 0; i < 3; i++) {
                assertRefused(john, Map.of("action", "sendMessage", "text", "squat", "conversationId", janes, "clientMessageId", "sq-" + i));
            }
            jane.send(Map.of("action", "sendMessage", "text", "hello", "conversationId", janes, "clientMessageId", "own-1"));
            JsonNode ack = jane.next(null);
            assertThat(ack.get("type").asText()).isEqualTo("ack");
            assertThat(ack.get("conversationId").asText()).isEqualTo(janes);
        }
    }

    @Test
    void newConversationGivesAnIdOnlyItsCustomerCanUse() {
        try (ChatClient jane = ChatClient.connect(port, GatewayHarness.token("cust_001"));
             ChatClient john = ChatClient.connect(port, GatewayHarness.token("cust_002"))) {
            String first = jane.next("connected").get("conversationId").asText();
            john.next("connected");
            jane.send(Map.of("action", "newConversation"));
            String second = jane.next("conversation").get("conversationId").asText();
            assertThat(second).isNotEqualTo(first).matches("conv-[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{22}");
            jane.send(Map.of("action", "sendMessage", "text", "in the new one"));
            assertThat(jane.next("ack").get("conversationId").asText()).isEqualTo(second);
            jane.send(Map.of("action", "sendMessage", "text", "back in the first", "conversationId", first));
            assertThat(jane.next("ack").get("conversationId").asText()).isEqualTo(first);
            assertRefused(john, Map.of("action", "sendMessage", "text", "hi", "conversationId", second, "clientMessageId", "n-1"));
        }
    }

    @Test
    void racingTheOwnerForAFreshConversationNeverWinsOnOnePartitionOrTwo() throws Exception {
        List<String> samePartition = pairOnPartitions(true);
        List<String> twoPartitions = pairOnPartitions(false);
        List<String> ownersMessages = new ArrayList<>();
        Set<String> fought = new HashSet<>();
        for (List<String> pair : List.of(samePartition, twoPartitions)) {
            for (int race = 0; race < RACES; race++) {
                try (ChatClient owner = ChatClient.connect(port, GatewayHarness.token(pair.get(0)));
                     ChatClient rival = ChatClient.connect(port, GatewayHarness.token(pair.get(1)))) {
                    String conversation = owner.next("connected").get("conversationId").asText();
                    rival.next("connected");
                    fought.add(conversation);
                    CyclicBarrier start = new CyclicBarrier(2);
                    CompletableFuture<Void> rivalWrites = CompletableFuture.runAsync(() -> {
                        await(start);
                        rival.send(Map.of("action", "sendMessage", "text", "me first", "conversationId", conversation, "clientMessageId", "r-" + conversation));
                        rival.send(Map.of("action", "history", "conversationId", conversation));
                    });
                    await(start);
                    owner.send(Map.of("action", "sendMessage", "text", "hello", "conversationId", conversation, "clientMessageId", "o-" + conversation));
                    rivalWrites.join();
                    JsonNode ack = owner.next(null);
                    assertThat(ack.get("type").asText()).as("the owner is acked, race %d of %s", race, pair).isEqualTo("ack");
                    ownersMessages.add(ack.get("messageId").asText());
                    for (int frame = 0; frame < 2; frame++) {
                        JsonNode refusal = rival.next(null);
                        assertThat(refusal.get("type").asText()).as("race %d of %s: %s", race, pair, refusal).isEqualTo("error");
                        assertThat(refusal.get("code").asText()).isEqualTo("forbidden");
                    }
                }
            }
        }
        List<InboundMessage> inbound = TopicReader.readUntil(stack.bootstrapServers(), Topics.INBOUND.name(), new StringDeserializer(),
                        Topics.INBOUND.valueSerde().deserializer(),
                        read -> read.stream().map(r -> r.value().messageId()).toList().containsAll(ownersMessages), Duration.ofSeconds(30))
                .stream().map(ConsumerRecord::value).filter(m -> fought.contains(m.conversationId())).toList();
        assertThat(inbound).extracting(InboundMessage::messageId).containsExactlyInAnyOrderElementsOf(ownersMessages);
        assertThat(inbound).extracting(InboundMessage::text).containsOnly("hello");
    }

    /** Two new customers whose inbound records land on one partition, or on two. */
    private static List<String> pairOnPartitions(boolean same) {
        String first = newCustomer();
        while (true) {
            String second = newCustomer();
            if ((partition(first) == partition(second)) == same) {
                return List.of(first, second);
            }
        }
    }

    /** The inbound topic is keyed by customer id, partitioned as Kafka's default partitioner does. */
    private static int partition(String customerId) {
        return Utils.toPositive(Utils.murmur2(customerId.getBytes(StandardCharsets.UTF_8))) % Topics.CUSTOMER_PARTITIONS;
    }

    private static String newCustomer() {
        String id = "cust_race_" + UUID.randomUUID().toString().substring(0, 8);
        stack.dynamo().putItem(b -> b.tableName(stack.tables().customers())
                .item(Items.of(new Customer(id, "Racer " + id, "basic", List.of(new Device("dev_" + id, "SmartSpeaker", "hall"))))));
        return id;
    }

    private static void assertRefused(ChatClient client, Map<String, ?> frame) {
        client.send(frame);
        JsonNode answer = client.next(null);
        assertThat(answer.get("type").asText()).as("%s answered %s", frame, answer).isEqualTo("error");
        assertThat(answer.get("code").asText()).as("%s", frame).isEqualTo("forbidden");
        assertThat(answer.get("retryable").asBoolean()).isFalse();
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void putHistory(HistoryMessage message) {
        stack.dynamo().putItem(b -> b.tableName(stack.tables().messages()).item(Items.of(message)));
    }
}
