package dev.servicebot.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicebot.devstack.DevStack;
import dev.servicebot.devstack.DevStackExtension;
import dev.servicebot.devstack.Dynalite;
import dev.servicebot.devstack.Ports;
import dev.servicebot.devstack.TopicReader;
import dev.servicebot.topics.DeadLetter;
import dev.servicebot.topics.Json;
import dev.servicebot.topics.Topics;
import dev.servicebot.topics.model.Connection;
import dev.servicebot.topics.model.Customer;
import dev.servicebot.topics.model.Device;
import dev.servicebot.topics.model.HistoryMessage;
import dev.servicebot.topics.model.RequestType;
import dev.servicebot.topics.model.ServiceLevel;
import dev.servicebot.topics.tables.DynamoClients;
import dev.servicebot.topics.tables.Items;
import dev.servicebot.topics.tables.TableNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The sink on the devstack broker and dynalite: every topic into its table, exactly, whatever happens. */
@ExtendWith(DevStackExtension.class)
class SinkIntegrationTest {
    private static DevStack stack;
    private static KafkaProducer<byte[], byte[]> producer;
    private static SinkApp sink;

    @BeforeAll
    static void start(DevStack devStack) {
        stack = devStack;
        producer = new KafkaProducer<>(stack.producerConfig(), new ByteArraySerializer(), new ByteArraySerializer());
        sink = SinkApp.start(config("sink-it-" + UUID.randomUUID(), stack.tables().environment()), stack.dynamo());
    }

    @AfterAll
    static void stop() {
        sink.close();
        producer.close();
    }

    static SinkApp.Config config(String group, String environment) {
        return SinkApp.Config.fromEnvironment(Map.of("SERVICEBOT_KAFKA_BOOTSTRAP", stack.bootstrapServers(), "SERVICEBOT_SINK_GROUP", group,
                "SERVICEBOT_ENV", environment, "SERVICEBOT_SINK_HTTP_PORT", "0"));
    }

    @Test
    void eachTopicLandsInItsTableAttributeByAttribute() {
        String customerId = "cust_" + suffix();
        Customer customer = new Customer(customerId, "Jane Smith", "basic", List.of(new Device("dev_001", "SmartSpeaker", "living_room")));
        String conversation = "conv_" + suffix();
        HistoryMessage message = new HistoryMessage(conversation, "2023-03-01T14:30:45.123Z", customerId, "Move my smart speaker to the bedroom",
                RequestType.of("device_relocation"), List.of("device_relocation"), false, null, null);
        String connectionId = "ABC" + suffix();
        Connection connection = new Connection(connectionId, customerId, "2023-03-01T14:30:00.000Z", 1677765000L, null, null);
        ServiceLevel gold = new ServiceLevel("gold_" + suffix(), List.of("status_check", "volume_control"), 2, "priority");

        send(Topics.CUSTOMERS.name(), customerId, Json.write(customer));
        send(Topics.MESSAGES.name(), conversation, Json.write(message));
        send(Topics.CONNECTIONS.name(), connectionId, Json.write(connection));
        send(Topics.SERVICE_LEVELS.name(), gold.level(), Json.write(gold));

        TableNames tables = stack.tables();
        Map<String, AttributeValue> customerItem = await(() -> get(tables.customers(), Items.key("id", customerId)));
        assertThat(customerItem).isEqualTo(Map.of(
                "id", AttributeValue.fromS(customerId),
                "name", AttributeValue.fromS("Jane Smith"),
                "service_level", AttributeValue.fromS("basic"),
                "devices", AttributeValue.fromL(List.of(AttributeValue.fromM(Map.of(
                        "id", AttributeValue.fromS("dev_001"), "type", AttributeValue.fromS("SmartSpeaker"),
                        "location", AttributeValue.fromS("living_room")))))));
        Map<String, AttributeValue> messageItem = await(() -> get(tables.messages(), Map.of(
                "conversationId", AttributeValue.fromS(conversation), "timestamp", AttributeValue.fromS("2023-03-01T14:30:45.123Z"))));
        assertThat(messageItem).isEqualTo(Map.of(
                "conversationId", AttributeValue.fromS(conversation),
                "timestamp", AttributeValue.fromS("2023-03-01T14:30:45.123Z"),
                "userId", AttributeValue.fromS(customerId),
                "text", AttributeValue.fromS("Move my smart speaker to the bedroom"),
                "requestType", AttributeValue.fromS("device_relocation"),
                "requiredActions", AttributeValue.fromL(List.of(AttributeValue.fromS("device_relocation"))),
                "allowed", AttributeValue.fromBool(false)));
        var byUser = stack.dynamo().query(b -> b.tableName(tables.messages()).indexName(TableNames.USER_ID_INDEX)
                .keyConditionExpression("userId = :u").expressionAttributeValues(Map.of(":u", AttributeValue.fromS(customerId))));
        assertThat(byUser.items()).containsExactly(messageItem);
        Map<String, AttributeValue> connectionItem = await(() -> get(tables.connections(), Items.key("connectionId", connectionId)));
        assertThat(connectionItem).isEqualTo(Map.of(
                "connectionId", AttributeValue.fromS(connectionId), "userId", AttributeValue.fromS(customerId),
                "connectionTime", AttributeValue.fromS("2023-03-01T14:30:00.000Z"), "ttl", AttributeValue.fromN("1677765000")));
        Map<String, AttributeValue> levelItem = await(() -> get(tables.serviceLevels(), Items.key("level", gold.level())));
        assertThat(levelItem).isEqualTo(Map.of(
                "level", AttributeValue.fromS(gold.level()),
                "allowed_actions", AttributeValue.fromL(List.of(AttributeValue.fromS("status_check"), AttributeValue.fromS("volume_control"))),
                "max_devices", AttributeValue.fromN("2"), "support_priority", AttributeValue.fromS("priority")));
    }

    @Test
    void duplicatesLeaveOneItemAndTheLatestValueWins() {
        String conversation = "conv_" + suffix();
        HistoryMessage message = new HistoryMessage(conversation, "2026-11-26T10:00:00.000000Z", "cust_001", "hello", null, null, null, "m1", null);
        send(Topics.MESSAGES.name(), conversation, Json.write(message));
        send(Topics.MESSAGES.name(), conversation, Json.write(message));
        String customerId = "cust_" + suffix();
        send(Topics.CUSTOMERS.name(), customerId, Json.write(new Customer(customerId, "First Name", "premium", List.of())));
        send(Topics.CUSTOMERS.name(), customerId, Json.write(new Customer(customerId, "Second Name", "premium", List.of())));
        await(() -> {
            var item = get(stack.tables().customers(), Items.key("id", customerId));
            return item != null && item.get("name").s().equals("Second Name") ? item : null;
        });
        assertThat(conversation(stack.dynamo(), stack.tables(), conversation)).hasSize(1);
    }

    @Test
    void tombstonesDelete() {
        String customerId = "cust_" + suffix();
        send(Topics.CUSTOMERS.name(), customerId, Json.write(new Customer(customerId, "Short Lived", "basic", List.of())));
        await(() -> get(stack.tables().customers(), Items.key("id", customerId)));
        send(Topics.CUSTOMERS.name(), customerId, null);
        await(() -> get(stack.tables().customers(), Items.key("id", customerId)) == null ? Map.of() : null);
        String connectionId = "c-" + suffix();
        send(Topics.CONNECTIONS.name(), connectionId, Json.write(new Connection(connectionId, "cust_001", "2026-11-26T10:00:00Z", 1900000000L, "gw", null)));
        await(() -> get(stack.tables().connections(), Items.key("connectionId", connectionId)));
        send(Topics.CONNECTIONS.name(), connectionId, null);
        await(() -> get(stack.tables().connections(), Items.key("connectionId", connectionId)) == null ? Map.of() : null);
    }

    @Test
    void poisonGoesToTheDlqWithHeadersAndLaterRecordsAreWritten() {
        String poisonKey = "cust_" + suffix();
        String tooManyDevices = "cust_" + suffix();
        String conversation = "conv_" + suffix();
        send(Topics.CUSTOMERS.name(), poisonKey, "{\"id\": oops".getBytes(StandardCharsets.UTF_8));
        send(Topics.CUSTOMERS.name(), tooManyDevices, Json.write(new Customer(tooManyDevices, "Greedy", "basic",
                List.of(new Device("d1", "SmartSpeaker", "a"), new Device("d2", "SmartSpeaker", "b")))));
        send(Topics.MESSAGES.name(), conversation, Json.write(new HistoryMessage(conversation, "2026-11-26T10:00:00.000000Z", "cust_001",
                "x".repeat(410 * 1024), null, null, null, "m-big", null)));
        String good = "cust_" + suffix();
        send(Topics.CUSTOMERS.name(), good, Json.write(new Customer(good, "Fine", "basic", List.of())));
        await(() -> get(stack.tables().customers(), Items.key("id", good)));

        var dead = TopicReader.readUntil(stack.bootstrapServers(), Topics.DLQ.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                read -> read.stream().filter(r -> DynamoSink.STAGE.equals(DeadLetter.header(r.headers(), DeadLetter.STAGE))
                        && List.of(poisonKey, tooManyDevices, conversation).contains(new String(r.key(), StandardCharsets.UTF_8))).count() >= 3,
                Duration.ofSeconds(20)).stream()
                .filter(r -> DynamoSink.STAGE.equals(DeadLetter.header(r.headers(), DeadLetter.STAGE))).toList();
        var poison = dead.stream().filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals(poisonKey)).findFirst().orElseThrow();
        assertThat(new String(poison.value(), StandardCharsets.UTF_8)).isEqualTo("{\"id\": oops");
        assertThat(DeadLetter.header(poison.headers(), DeadLetter.SOURCE_TOPIC)).isEqualTo(Topics.CUSTOMERS.name());
        assertThat(DeadLetter.header(poison.headers(), DeadLetter.SOURCE_PARTITION)).isNotNull();
        assertThat(DeadLetter.header(poison.headers(), DeadLetter.SOURCE_OFFSET)).isNotNull();
        assertThat(DeadLetter.header(poison.headers(), DeadLetter.ERROR_MESSAGE)).contains("malformed JSON");
        var greedy = dead.stream().filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals(tooManyDevices)).findFirst().orElseThrow();
        assertThat(DeadLetter.header(greedy.headers(), DeadLetter.ERROR_MESSAGE)).contains("basic tier allows at most 1");
        var big = dead.stream().filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals(conversation)).findFirst().orElseThrow();
        assertThat(DeadLetter.header(big.headers(), DeadLetter.ERROR_MESSAGE)).contains("400 KB limit");
        assertThat(get(stack.tables().customers(), Items.key("id", tooManyDevices))).isNull();
    }

    @Test
    void aDynamoOutageDelaysWritesButLosesNoneAndDuplicatesNone(@TempDir Path data) throws Exception {
        int port = Ports.free();
        Dynalite dynalite = Dynalite.start(port, data);
        String environment = "outage" + suffix().substring(0, 6);
        String conversation = "conv_" + suffix();
        try (DynamoDbClient dynamo = DynamoClients.local(dynalite.endpoint());
             SinkApp outageSink = SinkApp.start(config("sink-outage-" + UUID.randomUUID(), environment), dynamo)) {
            sendHistory(conversation, 0, 150);
            Thread.sleep(1500);
            dynalite.close(); // DynamoDB goes away mid-stream
            sendHistory(conversation, 150, 300);
            Thread.sleep(3000);
            dynalite = Dynalite.start(port, data); // and comes back on the same address with its data
            TableNames tables = new TableNames(environment);
            long deadline = System.currentTimeMillis() + 60_000;
            while (conversation(dynamo, tables, conversation).size() < 300 && System.currentTimeMillis() < deadline) {
                Thread.sleep(250);
            }
            List<Map<String, AttributeValue>> items = conversation(dynamo, tables, conversation);
            assertThat(items).hasSize(300);
            assertThat(items.stream().map(i -> i.get("messageId").s()).distinct().count()).isEqualTo(300);
        } finally {
            dynalite.close();
        }
    }

    @Test
    void aRebalanceBetweenTwoInstancesLosesNothing() throws Exception {
        String group = "sink-rebalance-" + UUID.randomUUID();
        String conversation = "conv_" + suffix();
        SinkApp first = SinkApp.start(config(group, stack.tables().environment()), stack.dynamo());
        sendHistory(conversation, 0, 200);
        SinkApp second = SinkApp.start(config(group, stack.tables().environment()), stack.dynamo());
        sendHistory(conversation, 200, 400);
        first.close(); // its partitions move to the second instance
        sendHistory(conversation, 400, 600);
        try {
            long deadline = System.currentTimeMillis() + 60_000;
            while (conversation(stack.dynamo(), stack.tables(), conversation).size() < 600 && System.currentTimeMillis() < deadline) {
                Thread.sleep(250);
            }
            assertThat(conversation(stack.dynamo(), stack.tables(), conversation)).hasSize(600);
        } finally {
            second.close();
        }
    }

    @Test
    void whenDrainedTheSinksOffsetsReachTheEndOfTheLogPastTransactionMarkers() throws Exception {
        String group = "sink-lag-" + UUID.randomUUID();
        String conversation = "conv_" + suffix();
        Map<String, Object> config = new java.util.HashMap<>(stack.producerConfig());
        config.put(org.apache.kafka.clients.producer.ProducerConfig.TRANSACTIONAL_ID_CONFIG, "sink-lag-" + suffix());
        try (SinkApp lagSink = SinkApp.start(config(group, stack.tables().environment()), stack.dynamo());
             var transactional = new org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]>(config,
                     new org.apache.kafka.common.serialization.ByteArraySerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer());
             var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            transactional.initTransactions();
            for (int t = 0; t < 3; t++) { // as the processor writes: in transactions, each ending in a marker
                transactional.beginTransaction();
                for (int i = 0; i < 5; i++) {
                    transactional.send(new ProducerRecord<>(Topics.MESSAGES.name(), conversation.getBytes(StandardCharsets.UTF_8),
                            Json.write(new HistoryMessage(conversation, String.format("2026-11-26T11:00:%02d.000000Z", t * 5 + i), "cust_001",
                                    "m " + t + i, null, null, null, "mt-" + t + i, null))));
                }
                transactional.commitTransaction();
            }
            await(() -> conversation(stack.dynamo(), stack.tables(), conversation).size() == 15 ? true : null);
            var partitions = admin.describeTopics(List.of(Topics.MESSAGES.name())).allTopicNames().get().get(Topics.MESSAGES.name())
                    .partitions().stream().map(p -> new org.apache.kafka.common.TopicPartition(Topics.MESSAGES.name(), p.partition())).toList();
            var ends = admin.listOffsets(partitions.stream().collect(java.util.stream.Collectors.toMap(p -> p,
                    p -> org.apache.kafka.clients.admin.OffsetSpec.latest()))).all().get();
            long deadline = System.currentTimeMillis() + 20_000;
            long lag;
            do {
                var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                lag = partitions.stream().mapToLong(p -> ends.get(p).offset()
                        - (committed.get(p) == null ? 0 : committed.get(p).offset())).sum();
                if (lag > 0) {
                    Thread.sleep(250);
                }
            } while (lag > 0 && System.currentTimeMillis() < deadline);
            assertThat(lag).as("lag of the sink's group on the history topic once drained").isZero();
        }
    }

    private static void sendHistory(String conversation, int from, int to) {
        for (int i = from; i < to; i++) {
            String timestamp = String.format("2026-11-26T10:%02d:%02d.000000Z", i / 60, i % 60);
            send(Topics.MESSAGES.name(), conversation, Json.write(new HistoryMessage(conversation, timestamp, "cust_001", "message " + i,
                    null, null, null, "m-" + i, null)));
        }
        producer.flush();
    }

    private static List<Map<String, AttributeValue>> conversation(DynamoDbClient dynamo, TableNames tables, String conversation) {
        try {
            return dynamo.queryPaginator(b -> b.tableName(tables.messages()).keyConditionExpression("conversationId = :c")
                    .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(conversation))).consistentRead(true))
                    .items().stream().toList();
        } catch (RuntimeException e) {
            return List.of(); // the table may not exist yet
        }
    }

    private static Map<String, AttributeValue> get(String table, Map<String, AttributeValue> key) {
        var item = stack.dynamo().getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
        return item == null || item.isEmpty() ? null : item;
    }

    private static <T> T await(java.util.function.Supplier<T> found) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            T value = found.get();
            if (value != null) {
                return value;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("not written within 20 s");
    }

    private static void send(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
