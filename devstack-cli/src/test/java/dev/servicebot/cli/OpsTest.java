package dev.servicebot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.servicebot.cli.ops.DeadLetters;
import dev.servicebot.cli.ops.TopicRange;
import dev.servicebot.cli.ops.WindowStats;
import dev.servicebot.devstack.DevStack;
import dev.servicebot.gateway.ChatClient;
import dev.servicebot.gateway.DevTokens;
import dev.servicebot.gateway.GatewayConfig;
import dev.servicebot.topics.CloudEvents;
import dev.servicebot.topics.DeadLetter;
import dev.servicebot.topics.Topic;
import dev.servicebot.topics.Topics;
import dev.servicebot.topics.model.ClaimTime;
import dev.servicebot.topics.model.Customer;
import dev.servicebot.topics.model.CustomerCommand;
import dev.servicebot.topics.model.DeniedRequestCount;
import dev.servicebot.topics.model.Device;
import dev.servicebot.topics.model.HandoffCount;
import dev.servicebot.topics.model.HistoryMessage;
import dev.servicebot.topics.model.RequestTypeCount;
import dev.servicebot.topics.tables.Items;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The ops and data-team tools on the whole running bot: replay, rebuild-tables, dlq, CloudEvents headers, analytics. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpsTest {
    private static final DevTokens TOKENS = new DevTokens(GatewayConfig.DEV_SECRET);
    private static LocalStack local;
    private static String[] endpoints;

    @BeforeAll
    static void start() throws Exception {
        local = LocalStack.start(new DevStack.Options(0, 0, null, "ops", true), 0, 0);
        endpoints = new String[]{"--bootstrap-servers", local.devStack().bootstrapServers(),
                "--dynamo-endpoint", local.devStack().dynamoEndpoint().toString(), "--env", "ops"};
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    @Test
    @Order(1)
    void aReplayRewritesTheSameItemsAndPushesNothingToCustomers() throws Exception {
        try (ChatClient jane = connect("cust_001"); ChatClient alice = connect("cust_003")) {
            Instant from = Instant.now().minusMillis(1);
            chat(jane, "Is my speaker working?");
            chat(jane, "Move my speaker to the bedroom"); // denied for basic
            chat(alice, "What is my smart hub?");
            chat(alice, "Play jazz on my office speaker");
            Instant to = Instant.now();
            awaitSinkCaughtUp();
            List<Map<String, AttributeValue>> before = messagesTable();
            assertThat(before).hasSizeGreaterThanOrEqualTo(8);

            CommandsTest.Run dry = cli("replay", "--from", from.toString(), "--to", to.toString(), "--dry-run");
            assertThat(dry.exitCode()).as(dry.err()).isZero();
            assertThat(dry.out()).contains("would replay", "total: 4");
            CommandsTest.Run onlyJane = cli("replay", "--from", from.toString(), "--to", to.toString(), "--customer", "cust_001", "--dry-run");
            assertThat(onlyJane.out()).contains("total: 2");

            CommandsTest.Run replay = cli("replay", "--from", from.toString(), "--to", to.toString());
            assertThat(replay.exitCode()).as(replay.err()).isZero();
            assertThat(replay.out()).contains("4 messages re-published");

            // The processor re-answered all four (8 history records marked as a replay), and the sink wrote them.
            waitFor(() -> replayed(Topics.MESSAGES) == 8 ? true : null);
            assertThat(replayed(Topics.REPLIES)).isEqualTo(4);
            awaitSinkCaughtUp();
            assertThat(messagesTable()).isEqualTo(before);
            // A pushed reply would have reached the clients, still connected, by now.
            for (ChatClient client : List.of(jane, alice)) {
                assertThatThrownBy(() -> client.next("reply", Duration.ofSeconds(2))).hasMessageContaining("no 'reply' frame");
            }

            // Replaying the same range again does not replay the copies.
            assertThat(cli("replay", "--from", from.toString(), "--to", Instant.now().toString(), "--dry-run").out()).contains("total: 4");
        }
    }

    @Test
    @Order(2)
    void aDeletedMessagesTableIsRebuiltIdenticallyFromTheHistoryTopic() throws Exception {
        awaitSinkCaughtUp();
        List<Map<String, AttributeValue>> before = messagesTable();
        assertThat(before).isNotEmpty();
        local.devStack().dynamo().deleteTable(b -> b.tableName(local.devStack().tables().messages()));

        CommandsTest.Run rebuild = cli("rebuild-tables", "--table", "messages");
        assertThat(rebuild.exitCode()).as(rebuild.err()).isZero();
        assertThat(rebuild.out()).contains("ops-messages: ", "item writes");
        assertThat(messagesTable()).isEqualTo(before);
        var index = local.devStack().dynamo().describeTable(b -> b.tableName(local.devStack().tables().messages())).table().globalSecondaryIndexes();
        assertThat(index).anySatisfy(i -> assertThat(i.indexName()).isEqualTo("UserIdIndex"));

        assertThat(cli("rebuild-tables", "--table", "sofas").err()).contains("no table 'sofas'");
    }

    @Test
    @Order(3)
    void aPoisonRecordIsListedShownAndProcessedAfterRedrive() throws Exception {
        Customer bob = new Customer("cust_900", "Bob Poison", "basic", List.of(new Device("dev_900", "SmartSpeaker", "hall")));
        command(CustomerCommand.upsert("ops-1", bob, Instant.now().toString()));
        CustomerCommand second = CustomerCommand.addDevice("ops-2", "cust_900", new Device("dev_901", "SmartHub", "attic"),
                Instant.now().toString());
        command(second); // basic allows one device: the processor sets it aside

        DeadLetters.Entry poison = waitFor(() -> new DeadLetters(local.devStack().bootstrapServers()).list().stream()
                .filter(e -> e.valueText() != null && e.valueText().contains("ops-2")).findFirst().orElse(null));
        assertThat(poison.sourceTopic()).isEqualTo(Topics.CUSTOMER_COMMANDS.name());
        CommandsTest.Run list = cli("dlq", "list");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains(poison.partition() + ":" + poison.offset(), Topics.CUSTOMER_COMMANDS.name(), "RejectedRecordException",
                "cust_900 has 2 devices");
        CommandsTest.Run show = cli("dlq", "show", Long.toString(poison.offset()));
        assertThat(show.out()).contains("\"commandId\" : \"ops-2\"", "dlq.original.ce_id: ops-2", "key:     cust_900");
        assertThat(cli("dlq", "show", "99999").exitCode()).isEqualTo(3);

        // The fix: Bob moves to premium. Then the command goes back and is applied.
        command(CustomerCommand.changeTier("ops-3", "cust_900", "premium", Instant.now().toString()));
        CommandsTest.Run redrive = cli("dlq", "redrive", Long.toString(poison.offset()));
        assertThat(redrive.exitCode()).as(redrive.err()).isZero();
        assertThat(redrive.out()).contains("1 dead letters sent back");
        Customer fixed = waitFor(() -> {
            var item = local.devStack().dynamo().getItem(b -> b.tableName(local.devStack().tables().customers())
                    .key(Items.key("id", "cust_900")).consistentRead(true)).item();
            return item != null && !item.isEmpty() && Items.customer(item).devices().size() == 2 ? Items.customer(item) : null;
        });
        assertThat(fixed.serviceLevel()).isEqualTo("premium");

        // --all sends each dead letter once. Sent again, the already-applied command is refused (Bob has
        // that device now) and comes back as a new dead letter, which is all a second --all sends.
        String first = poison.partition() + ":" + poison.offset();
        assertThat(cli("dlq", "redrive", "--all", "--dry-run").out()).contains("would send " + first);
        assertThat(cli("dlq", "redrive", "--all").out()).contains("sending " + first);
        DeadLetters.Entry back = waitFor(() -> new DeadLetters(local.devStack().bootstrapServers()).list().stream()
                .filter(e -> e.offset() > poison.offset() && e.error().contains("already has device dev_901")).findFirst().orElse(null));
        CommandsTest.Run again = cli("dlq", "redrive", "--all");
        assertThat(again.out()).contains("sending " + back.partition() + ":" + back.offset(), "1 dead letters sent back")
                .doesNotContain("sending " + first + " ");
        assertThat(cli("dlq", "redrive").err()).contains("name the offsets to redrive, or --all");
    }

    @Test
    @Order(4)
    void theAnalyticsCountsMatchACountMadeDirectlyFromTheHistoryTopic() throws Exception {
        try (ChatClient jane = connect("cust_001"); ChatClient john = connect("cust_002")) {
            chat(jane, "Play jazz on my speaker");
            chat(jane, "Play the same music on all my speakers");
            chat(john, "Play the same music on all my speakers");
            chat(john, "Create a routine to turn on my speaker at 7 AM");
            chat(john, "hello there");
            // A handoff to a person, claimed by an agent: counted per tier x reason, and its time to claim per priority.
            chat(john, "can I talk to a real person please");
            try (ChatClient sam = ChatClient.agent(local.gateway().publicPort(),
                    TOKENS.issueAgent("agent_001", "Sam Rivera", Duration.ofMinutes(10)))) {
                sam.next("connected");
                String conversation = waitFor(() -> {
                    for (var entry : sam.next("queue", Duration.ofSeconds(20)).get("handoffs")) {
                        if (entry.get("customerId").asText().equals("cust_002")) {
                            return entry.get("conversationId").asText();
                        }
                    }
                    return null;
                });
                sam.send(Map.of("action", "claim", "conversationId", conversation));
                sam.next("ack");
            }
        }
        Map<String, Long> expectedDenied = new HashMap<>();
        Map<String, Long> expectedTypes = new HashMap<>();
        TopicRange.whole(local.devStack().bootstrapServers(), Topics.MESSAGES.name()).read(local.devStack().bootstrapServers(), r -> {
            if (r.headers().lastHeader(Topics.REPLAY_HEADER) != null) {
                return;
            }
            HistoryMessage m = Topics.MESSAGES.valueSerde().deserializer().deserialize(r.topic(), r.value());
            if (!m.fromCustomer() || r.headers().lastHeader(Topics.HANDOFF_HEADER) != null) {
                return; // requests are what customers ask the bot: not the bot's or an agent's words, nor what goes to a person
            }
            String hour = Instant.parse(m.timestamp()).truncatedTo(ChronoUnit.HOURS).toString();
            expectedTypes.merge(hour + "|" + (m.requestType() == null ? RequestTypeCount.UNRECOGNIZED : m.requestType().wireName()), 1L, Long::sum);
            if (Boolean.FALSE.equals(m.allowed())) {
                m.requiredActions().forEach(a -> expectedDenied.merge(hour + "|" + m.serviceLevel() + "|" + a, 1L, Long::sum));
            }
        });
        assertThat(expectedDenied).isNotEmpty();
        assertThat(expectedTypes.values().stream().mapToLong(Long::longValue).sum()).isGreaterThanOrEqualTo(9);

        waitFor(() -> latestCounts(Topics.DENIED_REQUESTS, DeniedRequestCount::count).equals(expectedDenied)
                && latestCounts(Topics.REQUEST_TYPES, RequestTypeCount::count).equals(expectedTypes) ? true : null);

        waitFor(() -> latestCounts(Topics.HANDOFF_COUNTS, HandoffCount::count).keySet().stream().anyMatch(k -> k.endsWith("|premium|asked"))
                && latestCounts(Topics.CLAIM_TIMES, ClaimTime::count).keySet().stream().anyMatch(k -> k.endsWith("|priority")) ? true : null);

        CommandsTest.Run stats = cli("stats");
        assertThat(stats.exitCode()).as(stats.err()).isZero();
        assertThat(stats.out()).contains("DENIED REQUESTS", "multi_room_audio", "basic", "premium", "REQUESTS BY TYPE", "unrecognized",
                "human_handoff", "HANDOFFS TO A PERSON", "TIME TO CLAIM");
        assertThat(stats.out()).containsPattern("premium +asked +1").containsPattern("priority +1 +[0-9.]+ +[0-9.]+ +0");
    }

    @Test
    @Order(5)
    void everyEventOnEveryTopicCarriesValidCloudEventsHeaders() throws Exception {
        int checked = 0;
        for (Topic<?, ?> topic : Topics.ALL) {
            Set<String> ids = new HashSet<>();
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            TopicRange.whole(local.devStack().bootstrapServers(), topic.name()).read(local.devStack().bootstrapServers(), records::add);
            assertThat(records).as(topic.name() + " has events to check").isNotEmpty();
            for (ConsumerRecord<byte[], byte[]> record : records) {
                String where = topic.name() + "@" + record.partition() + ":" + record.offset();
                assertThat(header(record, CloudEvents.SPEC_VERSION)).as(where).isEqualTo("1.0");
                assertThat(header(record, CloudEvents.TYPE)).as(where).isEqualTo(topic.eventType());
                assertThat(header(record, CloudEvents.SOURCE)).as(where).startsWith("/servicebot/").endsWith("/" + topic.name());
                assertThat(header(record, CloudEvents.CONTENT_TYPE)).as(where).isEqualTo(topic.contentType());
                assertThat(Instant.parse(header(record, CloudEvents.TIME))).as(where).isNotNull();
                assertThat(record.headers().headers(CloudEvents.ID)).as(where).hasSize(1);
                if (record.value() != null) {
                    // A real CloudEvents reader accepts it, and sees the same id.
                    CloudEvent event = KafkaMessageFactory.createReader(record).toEvent();
                    assertThat(event.getId()).as(where).isEqualTo(header(record, CloudEvents.ID));
                    assertThat(event.getData().toBytes()).as(where).isEqualTo(record.value());
                }
                boolean repeat = record.headers().lastHeader(Topics.REPLAY_HEADER) != null
                        || record.headers().lastHeader(Topics.REDRIVEN_HEADER) != null;
                if (!repeat) {
                    assertThat(ids.add(header(record, CloudEvents.SOURCE) + " " + header(record, CloudEvents.ID)))
                            .as(where + ": source + id unique").isTrue();
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(50);
    }

    private static <V> Map<String, Long> latestCounts(Topic<String, V> topic, java.util.function.ToLongFunction<V> count) {
        Map<String, Long> counts = new HashMap<>();
        new WindowStats(local.devStack().bootstrapServers()).latest(topic).forEach((key, value) -> counts.put(key, count.applyAsLong(value)));
        return counts;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return DeadLetter.header(record.headers(), name);
    }

    private static long replayed(Topic<?, ?> topic) {
        long[] count = {0};
        TopicRange.whole(local.devStack().bootstrapServers(), topic.name()).read(local.devStack().bootstrapServers(), r -> {
            if (r.headers().lastHeader(Topics.REPLAY_HEADER) != null) {
                count[0]++;
            }
        });
        return count[0];
    }

    private static ChatClient connect(String customer) {
        ChatClient client = ChatClient.connect(local.gateway().publicPort(), TOKENS.issue(customer, Duration.ofMinutes(10)));
        client.next("connected");
        return client;
    }

    private static void chat(ChatClient client, String text) {
        client.send(Map.of("action", "sendMessage", "text", text));
        client.next("ack");
        client.next("reply", Duration.ofSeconds(20));
    }

    private static void command(CustomerCommand command) throws Exception {
        try (var producer = new KafkaProducer<>(DevStack.producerConfig(local.devStack().bootstrapServers()), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(CloudEvents.record(Topics.CUSTOMER_COMMANDS, "ops-test", command.commandId(), Instant.now(),
                    command.customerId(), command)).get();
        }
    }

    /** Every item of the messages table, in key order. */
    private static List<Map<String, AttributeValue>> messagesTable() {
        List<Map<String, AttributeValue>> items = new ArrayList<>(local.devStack().dynamo()
                .scanPaginator(b -> b.tableName(local.devStack().tables().messages()).consistentRead(true)).items().stream().toList());
        items.sort(Comparator.comparing((Map<String, AttributeValue> i) -> i.get("conversationId").s()).thenComparing(i -> i.get("timestamp").s()));
        return items;
    }

    /** Until the sink has committed everything on the history topic. */
    private static void awaitSinkCaughtUp() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, local.devStack().bootstrapServers()))) {
            waitFor(() -> {
                try {
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("servicebot-sink-dynamo")
                            .partitionsToOffsetAndMetadata().get();
                    // The last record + 1 per partition (transaction markers after it take offsets a consumer never sees).
                    Map<Integer, Long> next = new HashMap<>();
                    TopicRange.whole(local.devStack().bootstrapServers(), Topics.MESSAGES.name())
                            .read(local.devStack().bootstrapServers(), r -> next.put(r.partition(), r.offset() + 1));
                    return next.entrySet().stream().allMatch(e -> {
                        OffsetAndMetadata c = committed.get(new TopicPartition(Topics.MESSAGES.name(), e.getKey()));
                        return c != null && c.offset() >= e.getValue();
                    }) ? true : null;
                } catch (Exception e) {
                    return null;
                }
            });
        }
    }

    private static CommandsTest.Run cli(String... args) {
        String[] all = new String[args.length + endpoints.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(endpoints, 0, all, args.length, endpoints.length);
        return CommandsTest.run(all);
    }

    private static <T> T waitFor(Supplier<T> found) throws InterruptedException {
        return EndToEndTest.waitFor(Duration.ofSeconds(30), found);
    }
}
