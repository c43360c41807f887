package dev.servicebot.topics;

import dev.servicebot.topics.Topic.Cleanup;
import dev.servicebot.topics.model.ClaimTime;
import dev.servicebot.topics.model.Connection;
import dev.servicebot.topics.model.Customer;
import dev.servicebot.topics.model.DeniedRequestCount;
import dev.servicebot.topics.model.CustomerCommand;
import dev.servicebot.topics.model.DeviceCommand;
import dev.servicebot.topics.model.HandoffCommand;
import dev.servicebot.topics.model.HandoffCount;
import dev.servicebot.topics.model.HandoffEvent;
import dev.servicebot.topics.model.HistoryMessage;
import dev.servicebot.topics.model.InboundMessage;
import dev.servicebot.topics.model.Reply;
import dev.servicebot.topics.model.RequestTypeCount;
import dev.servicebot.topics.model.ServiceLevel;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Every topic of the system. Names carry a version: a breaking change is a new topic. */
public final class Topics {
    /**
     * Topics the processor joins by customer id must be co-partitioned: same key, same count.
     * Six lets up to six processor instances share the work.
     */
    public static final int CUSTOMER_PARTITIONS = 6;

    private static final Serde<String> STRING = Serdes.String();

    /** Marks a record re-published by {@code servicebot replay}, and everything the processor derives from it. */
    public static final String REPLAY_HEADER = "servicebot.replay";
    /** Marks a record {@code servicebot dlq redrive} sent back from the DLQ. */
    public static final String REDRIVEN_HEADER = "servicebot.redriven-from";
    /** On history records written while a person has the conversation: the handoff's id. */
    public static final String HANDOFF_HEADER = "servicebot.handoff";
    private static final String HANDOFF_MEANING = "Present on history written while a person has the conversation (customer and agent messages, and the bot's notices of an agent joining or leaving): the handoff's id. The bot did not decide these.";
    private static final String REPLAY_MEANING = "Present on replayed records: the id of the replay run (`servicebot replay`).";
    private static final String REDRIVEN_MEANING = "Present on records sent back from the DLQ: `servicebot.dlq.v1/<partition>/<offset>`.";
    private static final Map<String, String> DLQ_HEADERS = dlqHeaders();

    public static final Topic<String, InboundMessage> INBOUND = new Topic<>(
            "servicebot.chat.inbound.v1", STRING, new JsonSerde<>(InboundMessage.class),
            "customerId", InboundMessage.class, CUSTOMER_PARTITIONS, Cleanup.DELETE, null,
            "servicebot.chat.inbound.v1.json",
            "Customer messages the gateway accepted and acknowledged. Kept forever: the source for replays. "
                    + "A client's resend (same customer, conversation and clientMessageId) has the same messageId and may "
                    + "appear again, from any gateway: count messages by messageId (the processor answers each once).",
            "ingest-gateway", "processor",
            Map.of(REPLAY_HEADER, REPLAY_MEANING, REDRIVEN_HEADER, REDRIVEN_MEANING));

    public static final Topic<String, HistoryMessage> MESSAGES = new Topic<>(
            "servicebot.chat.messages.v1", STRING, new JsonSerde<>(HistoryMessage.class),
            "conversationId", HistoryMessage.class, CUSTOMER_PARTITIONS, Cleanup.DELETE, null,
            "servicebot.chat.messages.v1.json",
            "Conversation history, customer and bot messages, exactly the Messages table item. Kept forever: the source of the messages table.",
            "processor", "sink-dynamo, analytics",
            Map.of(REPLAY_HEADER, REPLAY_MEANING, REDRIVEN_HEADER, REDRIVEN_MEANING, HANDOFF_HEADER, HANDOFF_MEANING));

    public static final Topic<String, Reply> REPLIES = new Topic<>(
            "servicebot.chat.replies.v1", STRING, new JsonSerde<>(Reply.class),
            "customerId", Reply.class, CUSTOMER_PARTITIONS, Cleanup.DELETE, Duration.ofDays(7),
            "servicebot.chat.replies.v1.json",
            "Bot replies to push to the customer's live connections.",
            "processor", "notifier",
            Map.of(REPLAY_HEADER, REPLAY_MEANING + " The notifier does not push these."));

    public static final Topic<String, Customer> CUSTOMERS = new Topic<>(
            "servicebot.customers.v1", STRING, new JsonSerde<>(Customer.class),
            "customerId", Customer.class, CUSTOMER_PARTITIONS, Cleanup.COMPACT, null,
            "servicebot.customers.v1.json",
            "The current state of every customer and their devices; a tombstone deletes the customer.",
            "processor (only writer)", "sink-dynamo, ingest-gateway",
            Map.of(REDRIVEN_HEADER, REDRIVEN_MEANING));

    public static final Topic<String, CustomerCommand> CUSTOMER_COMMANDS = new Topic<>(
            "servicebot.customer-commands.v1", STRING, new JsonSerde<>(CustomerCommand.class),
            "customerId", CustomerCommand.class, CUSTOMER_PARTITIONS, Cleanup.DELETE, Duration.ofDays(30),
            "servicebot.customer-commands.v1.json",
            "Requested customer changes: upsert, delete, change tier, add or remove a device.",
            "admin CLI", "processor",
            Map.of(REDRIVEN_HEADER, REDRIVEN_MEANING));

    public static final Topic<String, ServiceLevel> SERVICE_LEVELS = new Topic<>(
            "servicebot.service-levels.v1", STRING, new JsonSerde<>(ServiceLevel.class),
            "level", ServiceLevel.class, 1, Cleanup.COMPACT, null,
            "servicebot.service-levels.v1.json",
            "What each service tier allows and how many devices it admits; the permission data.",
            "admin CLI", "processor (GlobalKTable), sink-dynamo",
            Map.of(REDRIVEN_HEADER, REDRIVEN_MEANING));

    public static final Topic<String, Connection> CONNECTIONS = new Topic<>(
            "servicebot.connections.v1", STRING, new JsonSerde<>(Connection.class),
            "connectionId", Connection.class, CUSTOMER_PARTITIONS, Cleanup.COMPACT, null,
            "servicebot.connections.v1.json",
            "Live WebSocket connections and the gateway holding each; a tombstone when one closes.",
            "ingest-gateway", "notifier, sink-dynamo",
            Map.of(REDRIVEN_HEADER, REDRIVEN_MEANING));

    public static final Topic<String, DeviceCommand> DEVICE_COMMANDS = new Topic<>(
            "servicebot.device-commands.v1", STRING, new JsonSerde<>(DeviceCommand.class),
            "deviceId", DeviceCommand.class, CUSTOMER_PARTITIONS, Cleanup.DELETE, Duration.ofDays(7),
            "servicebot.device-commands.v1.json",
            "Actions the bot carried out for a device (volume, music, multi-room, routines).",
            "processor", "device fleet, analytics",
            Map.of());

    public static final Topic<String, HandoffEvent> HANDOFFS = new Topic<>(
            "servicebot.handoffs.v1", STRING, new JsonSerde<>(HandoffEvent.class),
            "conversationId", HandoffEvent.class, CUSTOMER_PARTITIONS, Cleanup.DELETE, null,
            "servicebot.handoffs.v1.json",
            "The life of each handoff to a person: requested (tier, priority, reason), claimed, customer and agent messages, resolved; and agent actions refused. Kept forever: the agent console's queue is read from it.",
            "processor (only writer)", "ingest-gateway (agent console), analytics",
            Map.of(REPLAY_HEADER, REPLAY_MEANING + " The processor writes no handoff step for a replayed record."));

    public static final Topic<String, HandoffCommand> HANDOFF_COMMANDS = new Topic<>(
            "servicebot.handoff-commands.v1", STRING, new JsonSerde<>(HandoffCommand.class),
            "customerId", HandoffCommand.class, CUSTOMER_PARTITIONS, Cleanup.DELETE, Duration.ofDays(30),
            "servicebot.handoff-commands.v1.json",
            "What support agents ask of handed-off conversations (claim, message, resolve), acknowledged once stored; the processor decides each and answers on the handoffs topic.",
            "ingest-gateway (agent console)", "processor",
            Map.of(REDRIVEN_HEADER, REDRIVEN_MEANING));

    public static final Topic<byte[], byte[]> DLQ = new Topic<>(
            "servicebot.dlq.v1", Serdes.ByteArray(), Serdes.ByteArray(),
            "the original key", byte[].class, 1, Cleanup.DELETE, Duration.ofDays(30),
            null,
            "Records a stage could not process: the original bytes, with headers naming the source topic, partition, offset and error.",
            "any stage", "ops",
            DLQ_HEADERS);

    public static final Topic<String, DeniedRequestCount> DENIED_REQUESTS = new Topic<>(
            "servicebot.analytics.denied-requests.v1", STRING, new JsonSerde<>(DeniedRequestCount.class),
            "`windowStart|serviceLevel|action`", DeniedRequestCount.class, 1, Cleanup.COMPACT, null,
            "servicebot.analytics.denied-requests.v1.json",
            "Denied requests per service level and action in hourly windows: which locked features customers ask for most. The latest record per key is the current count.",
            "analytics", "dashboards, servicebot stats", Map.of());

    public static final Topic<String, RequestTypeCount> REQUEST_TYPES = new Topic<>(
            "servicebot.analytics.request-types.v1", STRING, new JsonSerde<>(RequestTypeCount.class),
            "`windowStart|requestType`", RequestTypeCount.class, 1, Cleanup.COMPACT, null,
            "servicebot.analytics.request-types.v1.json",
            "Customer requests per request type in hourly windows (`unrecognized` when the bot could not tell). The latest record per key is the current count.",
            "analytics", "dashboards, servicebot stats", Map.of());

    public static final Topic<String, HandoffCount> HANDOFF_COUNTS = new Topic<>(
            "servicebot.analytics.handoffs.v1", STRING, new JsonSerde<>(HandoffCount.class),
            "`windowStart|serviceLevel|reason`", HandoffCount.class, 1, Cleanup.COMPACT, null,
            "servicebot.analytics.handoffs.v1.json",
            "Handoffs to a person per service level and reason (asked, not_understood, denied_twice) in hourly windows. The latest record per key is the current count.",
            "analytics", "dashboards, servicebot stats", Map.of());

    public static final Topic<String, ClaimTime> CLAIM_TIMES = new Topic<>(
            "servicebot.analytics.time-to-claim.v1", STRING, new JsonSerde<>(ClaimTime.class),
            "`windowStart|priority`", ClaimTime.class, 1, Cleanup.COMPACT, null,
            "servicebot.analytics.time-to-claim.v1.json",
            "How long handoffs waited for an agent, per support priority, by the hour they were claimed: count, total and longest wait, how many missed the target. The latest record per key is current.",
            "analytics", "dashboards, servicebot stats", Map.of());

    public static final List<Topic<?, ?>> ALL = List.of(
            INBOUND, MESSAGES, REPLIES, CUSTOMERS, CUSTOMER_COMMANDS, SERVICE_LEVELS, CONNECTIONS, DEVICE_COMMANDS,
            HANDOFFS, HANDOFF_COMMANDS, DLQ, DENIED_REQUESTS, REQUEST_TYPES, HANDOFF_COUNTS, CLAIM_TIMES);

    private Topics() {
    }

    private static Map<String, String> dlqHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(DeadLetter.SOURCE_TOPIC, "The topic the record was read from.");
        headers.put(DeadLetter.SOURCE_PARTITION, "Its partition.");
        headers.put(DeadLetter.SOURCE_OFFSET, "Its offset.");
        headers.put(DeadLetter.STAGE, "The stage that set it aside: processor or sink-dynamo.");
        headers.put(DeadLetter.ERROR_CLASS, "The error's Java class.");
        headers.put(DeadLetter.ERROR_MESSAGE, "What was wrong, in words.");
        headers.put(DeadLetter.TIME, "When it was set aside (ISO-8601).");
        headers.put(DeadLetter.ORIGINAL_PREFIX + "<name>", "Each header of the original record, kept for redrive.");
        return headers;
    }

    public static Optional<Topic<?, ?>> byName(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
