package dev.servicebot.processor;

import dev.servicebot.topics.SampleData;
import dev.servicebot.processor.understanding.RequestInterpreter;
import dev.servicebot.topics.Topics;
import dev.servicebot.topics.model.Customer;
import dev.servicebot.topics.model.CustomerCommand;
import dev.servicebot.topics.model.DeviceCommand;
import dev.servicebot.topics.model.HandoffCommand;
import dev.servicebot.topics.model.HandoffEvent;
import dev.servicebot.topics.model.HistoryMessage;
import dev.servicebot.topics.model.InboundMessage;
import dev.servicebot.topics.model.Reply;
import dev.servicebot.topics.model.ServiceLevel;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** The real topology in a TopologyTestDriver, loaded with the sample tiers and customers. */
final class BotHarness implements AutoCloseable {
    final TopologyTestDriver driver;
    final TestInputTopic<String, InboundMessage> inbound;
    final TestInputTopic<String, byte[]> rawInbound;
    final TestInputTopic<String, CustomerCommand> commands;
    final TestInputTopic<String, ServiceLevel> tiers;
    final TestOutputTopic<String, HistoryMessage> messages;
    final TestOutputTopic<String, Reply> replies;
    final TestOutputTopic<String, Customer> customers;
    final TestOutputTopic<String, DeviceCommand> deviceCommands;
    final TestOutputTopic<byte[], byte[]> dlq;
    final TestInputTopic<String, HandoffCommand> handoffCommands;
    final TestOutputTopic<String, HandoffEvent> handoffs;
    private final AtomicInteger sequence = new AtomicInteger();
    private Instant clock = Instant.parse("2026-11-26T10:00:00Z");

    /** One request model for every test in this JVM: loading it takes about a second. */
    private static final RequestInterpreter INTERPRETER = RequestInterpreter.load();

    static Bot bot() {
        return new Bot(INTERPRETER, new TemplateResponder());
    }

    BotHarness() {
        Properties props = ProcessorApp.streamsConfig("test-processor", "dummy:9092", null);
        props.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/servicebot-ttd-" + System.nanoTime());
        driver = new TopologyTestDriver(ProcessorTopology.build(BotHarness.bot()), props);
        inbound = driver.createInputTopic(Topics.INBOUND.name(), new StringSerializer(), Topics.INBOUND.valueSerde().serializer());
        rawInbound = driver.createInputTopic(Topics.INBOUND.name(), new StringSerializer(), new ByteArraySerializer());
        commands = driver.createInputTopic(Topics.CUSTOMER_COMMANDS.name(), new StringSerializer(), Topics.CUSTOMER_COMMANDS.valueSerde().serializer());
        tiers = driver.createInputTopic(Topics.SERVICE_LEVELS.name(), new StringSerializer(), Topics.SERVICE_LEVELS.valueSerde().serializer());
        messages = driver.createOutputTopic(Topics.MESSAGES.name(), new StringDeserializer(), Topics.MESSAGES.valueSerde().deserializer());
        replies = driver.createOutputTopic(Topics.REPLIES.name(), new StringDeserializer(), Topics.REPLIES.valueSerde().deserializer());
        customers = driver.createOutputTopic(Topics.CUSTOMERS.name(), new StringDeserializer(), Topics.CUSTOMERS.valueSerde().deserializer());
        deviceCommands = driver.createOutputTopic(Topics.DEVICE_COMMANDS.name(), new StringDeserializer(), Topics.DEVICE_COMMANDS.valueSerde().deserializer());
        dlq = driver.createOutputTopic(Topics.DLQ.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        handoffCommands = driver.createInputTopic(Topics.HANDOFF_COMMANDS.name(), new StringSerializer(),
                Topics.HANDOFF_COMMANDS.valueSerde().serializer());
        handoffs = driver.createOutputTopic(Topics.HANDOFFS.name(), new StringDeserializer(), Topics.HANDOFFS.valueSerde().deserializer());
        SampleData.SERVICE_LEVELS.forEach(l -> tiers.pipeInput(l.level(), l));
        SampleData.CUSTOMERS.forEach(c -> command(CustomerCommand.upsert("seed-" + c.id(), c, now())));
        customers.readRecordsToList();
    }

    String now() {
        clock = clock.plus(1, ChronoUnit.SECONDS);
        return clock.toString();
    }

    void command(CustomerCommand command) {
        commands.pipeInput(command.customerId(), command);
    }

    /** Sends one message in the given conversation and returns the reply it produced. */
    Reply say(String customerId, String conversationId, String text) {
        InboundMessage message = new InboundMessage("msg-" + sequence.incrementAndGet(), conversationId, customerId, text,
                now(), null, null, null);
        return send(message);
    }

    /** Sends one message and returns whatever replies it produced (none while a person has the conversation). */
    List<Reply> post(String customerId, String conversationId, String text) {
        InboundMessage message = new InboundMessage("msg-" + sequence.incrementAndGet(), conversationId, customerId, text,
                now(), null, null, null);
        inbound.pipeInput(message.customerId(), message);
        return replies.readValuesToList();
    }

    /** An agent's command, as the gateway writes it; returns the replies it produced. */
    List<Reply> agent(HandoffCommand.Kind kind, String agentId, String agentName, String customerId, String conversationId, String text) {
        HandoffCommand command = new HandoffCommand("hcmd-" + sequence.incrementAndGet(), kind, conversationId, customerId, agentId,
                agentName, text, now(), null);
        handoffCommands.pipeInput(customerId, command);
        return replies.readValuesToList();
    }

    Reply send(InboundMessage message) {
        inbound.pipeInput(message.customerId(), message);
        List<Reply> produced = replies.readValuesToList();
        if (produced.size() != 1) {
            throw new AssertionError("expected one reply to '" + message.text() + "', got " + produced);
        }
        return produced.get(0);
    }

    Customer customer(String id) {
        return driver.<String, Customer>getKeyValueStore(ProcessorTopology.CUSTOMERS_STORE).get(id);
    }

    List<TestRecord<byte[], byte[]>> deadLetters() {
        return dlq.readRecordsToList();
    }

    @Override
    public void close() {
        driver.close();
    }
}
