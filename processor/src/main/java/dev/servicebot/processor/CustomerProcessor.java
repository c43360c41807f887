package dev.servicebot.processor;

import dev.servicebot.topics.DeadLetter;
import dev.servicebot.topics.Json;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of each customer: the task that owns a customer id applies its admin commands,
 * answers its messages and decides agents' actions on its conversations in order, so two changes
 * close together both stick, a device count never exceeds the tier's limit, and of two claims on
 * a handoff the first wins.
 */
public final class CustomerProcessor implements Processor<String, CustomerEvent, String, Emitted> {
    private static final Logger log = LoggerFactory.getLogger(CustomerProcessor.class);
    /** Conversations idle this long are forgotten, unless handed off; their history stays in the messages topic. */
    static final Duration CONVERSATION_IDLE = Duration.ofHours(24);

    private final Bot bot;
    private final HandoffDesk desk;
    private final CustomerCommandHandler commands = new CustomerCommandHandler();
    private ProcessorContext<String, Emitted> context;
    private KeyValueStore<String, Customer> customers;
    private KeyValueStore<String, ConversationContext> conversations;
    private TimestampedKeyValueStore<String, ServiceLevel> tiers;

    public CustomerProcessor(Bot bot) {
        this.bot = bot;
        this.desk = new HandoffDesk(bot.responder());
    }

    @Override
    public void init(ProcessorContext<String, Emitted> context) {
        this.context = context;
        this.customers = context.getStateStore(ProcessorTopology.CUSTOMERS_STORE);
        this.conversations = context.getStateStore(ProcessorTopology.CONVERSATIONS_STORE);
        this.tiers = context.getStateStore(ProcessorTopology.SERVICE_LEVELS_STORE);
        context.schedule(Duration.ofHours(1), PunctuationType.WALL_CLOCK_TIME, this::forgetIdleConversations);
    }

    @Override
    public void process(Record<String, CustomerEvent> record) {
        CustomerEvent event = record.value();
        if (event == null || (event.message() == null && event.command() == null && event.handoff() == null)) {
            return; // a tombstone on an event topic means nothing
        }
        if (event.command() != null) {
            apply(record, event.command());
        } else if (event.handoff() != null) {
            decide(record, event.handoff());
        } else {
            answer(record, event.message());
        }
    }

    private void apply(Record<String, CustomerEvent> record, CustomerCommand command) {
        if (!command.customerId().equals(record.key())) {
            setAside(record, command, "command for " + command.customerId() + " arrived keyed as " + record.key());
            return;
        }
        CustomerCommandHandler.Result result = commands.apply(customers.get(command.customerId()), command, this::tier);
        if (result.rejected()) {
            setAside(record, command, result.rejection());
            return;
        }
        if (result.customer() == null) {
            customers.delete(command.customerId());
            forward(record, command.customerId(), Emitted.tombstone(Topics.CUSTOMERS, command.commandId(), command.issuedAt()));
        } else {
            customers.put(command.customerId(), result.customer());
            forward(record, command.customerId(), Emitted.of(Topics.CUSTOMERS, result.customer(), command.commandId(), command.issuedAt()));
        }
        log.info("customer {}: {} applied (command {})", command.customerId(), command.kind(), command.commandId());
    }

    private void answer(Record<String, CustomerEvent> record, InboundMessage message) {
        if (!message.customerId().equals(record.key())) {
            setAside(record, message, "message from " + message.customerId() + " arrived keyed as " + record.key());
            return;
        }
        ConversationContext conversation = conversations.get(message.conversationId());
        if (conversation == null) {
            conversation = ConversationContext.start(message.customerId());
        } else if (!conversation.customerId().equals(message.customerId())) {
            setAside(record, message, "conversation " + message.conversationId() + " belongs to another customer");
            return;
        }
        boolean replay = record.headers().lastHeader(Topics.REPLAY_HEADER) != null;
        if (!replay && conversation.handled(message.messageId())) {
            // A resend whose first copy was answered (the client never saw the ack, e.g. its gateway
            // died): the message ids are the same, so it is the same message. It was recorded,
            // answered and acted on once; answering again would repeat the device action.
            log.info("message {} of {} was already answered: resend dropped", message.messageId(), message.customerId());
            return;
        }
        Customer customer = customers.get(message.customerId());
        // A replay re-answers a message whose effects already happened; carrying them out again
        // would undo whatever changed since (a device moved back, say). So it only re-writes the
        // history and the reply, both marked as a replay by the header they inherit, and never
        // opens, claims or resolves a handoff.
        if (conversation.handoff() != null || conversation.wentToPerson(message.messageId())) {
            // A person has the conversation (or had it when this message first came): they answer, not the bot.
            HandoffDesk.Outcome outcome = desk.customerMessage(message, conversation, customer == null ? null : customer.serviceLevel());
            write(record, message.conversationId(), outcome, replay);
            return;
        }
        ServiceLevel tier = customer == null ? null : tier(customer.serviceLevel());
        Bot.Answer answer = bot.answer(message, customer, tier, this::allTiers, conversation);

        if (!replay) {
            conversations.put(message.conversationId(), answer.context());
            if (answer.handoff() != null) {
                HandoffEvent requested = HandoffDesk.requested(answer.handoff(), message.conversationId(), message.customerId());
                forward(record, message.conversationId(), Emitted.of(Topics.HANDOFFS, requested, requested.eventId(), requested.timestamp()));
                log.info("conversation {} of {} handed to a person ({}, priority {})", message.conversationId(), message.customerId(),
                        requested.reason(), requested.priority());
            }
            if (answer.updatedCustomer() != null) {
                customers.put(message.customerId(), answer.updatedCustomer());
                forward(record, message.customerId(),
                        Emitted.of(Topics.CUSTOMERS, answer.updatedCustomer(), message.messageId(), answer.reply().timestamp()));
            }
        }
        for (var history : List.of(answer.customerMessage(), answer.botMessage())) {
            forward(record, message.conversationId(), Emitted.of(Topics.MESSAGES, history, history.messageId(), history.timestamp()));
        }
        if (!replay) {
            for (DeviceCommand command : answer.deviceCommands()) {
                forward(record, command.deviceId(), Emitted.of(Topics.DEVICE_COMMANDS, command, command.commandId(), command.timestamp()));
            }
        }
        forward(record, message.customerId(), Emitted.of(Topics.REPLIES, answer.reply(), answer.reply().messageId(), answer.reply().timestamp()));
    }

    /** An agent's claim, message or resolve: decided against the conversation's handoff state, which only this task writes. */
    private void decide(Record<String, CustomerEvent> record, HandoffCommand command) {
        if (!command.customerId().equals(record.key())) {
            setAside(record, command, "handoff command for " + command.customerId() + " arrived keyed as " + record.key());
            return;
        }
        boolean replay = record.headers().lastHeader(Topics.REPLAY_HEADER) != null;
        HandoffDesk.Outcome outcome = desk.decide(command, conversations.get(command.conversationId()));
        if (replay) {
            // A replayed agent message re-records its history; a replayed claim or resolve changes nothing.
            outcome.history().stream().filter(HistoryMessage::fromAgent).forEach(h -> history(record, h, outcome.handoffId()));
            return;
        }
        write(record, command.conversationId(), outcome, false);
        log.info("handoff command {} ({}) by {} on {}: {}", command.commandId(), command.kind(), command.agentId(), command.conversationId(),
                outcome.events().stream().map(e -> e.kind().name()).toList());
    }

    /** What the handoff desk decided: history, replies and events out, the context kept (not on a replay). */
    private void write(Record<String, CustomerEvent> record, String conversationId, HandoffDesk.Outcome outcome, boolean replay) {
        if (!replay && outcome.context() != null) {
            conversations.put(conversationId, outcome.context());
        }
        for (HistoryMessage history : outcome.history()) {
            history(record, history, outcome.handoffId());
        }
        for (Reply reply : outcome.replies()) {
            forward(record, reply.customerId(), Emitted.of(Topics.REPLIES, reply, reply.messageId(), reply.timestamp()));
        }
        if (!replay) {
            for (HandoffEvent event : outcome.events()) {
                forward(record, event.conversationId(), Emitted.of(Topics.HANDOFFS, event, event.eventId(), event.timestamp()));
            }
        }
    }

    /** History written while a person has the conversation, marked with the handoff's id (analytics leaves it out). */
    private void history(Record<String, CustomerEvent> input, HistoryMessage history, String handoffId) {
        Emitted output = Emitted.of(Topics.MESSAGES, history, history.messageId(), history.timestamp());
        Headers headers = output.withEventHeaders(new RecordHeaders(input.headers().toArray()));
        if (handoffId != null) {
            headers.remove(Topics.HANDOFF_HEADER);
            headers.add(Topics.HANDOFF_HEADER, handoffId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        context.forward(new Record<>(history.conversationId(), output, input.timestamp(), headers));
    }

    private void forward(Record<String, CustomerEvent> input, String key, Emitted output) {
        // The input's headers travel on (a replay marker, for one), so downstream knows what it is.
        context.forward(new Record<>(key, output, input.timestamp(), output.withEventHeaders(new RecordHeaders(input.headers().toArray()))));
    }

    /** A record that is well-formed but cannot be applied: to the DLQ with the reason, and move on. */
    private void setAside(Record<String, CustomerEvent> record, Object value, String reason) {
        log.warn("set aside {}: {}", record.key(), reason);
        var metadata = context.recordMetadata();
        Headers headers = DeadLetter.headers(DeadLetterHandler.STAGE,
                metadata.map(m -> m.topic()).orElse("unknown"),
                metadata.map(m -> m.partition()).orElse(-1),
                metadata.map(m -> m.offset()).orElse(-1L),
                record.headers(), new RejectedRecordException(reason));
        // The DLQ headers are complete (CloudEvents included), so this record is forwarded as they are.
        context.forward(new Record<>(record.key(), new Emitted(Topics.DLQ, Json.write(value), null, null), record.timestamp(), headers));
    }

    private ServiceLevel tier(String level) {
        ValueAndTimestamp<ServiceLevel> found = level == null ? null : tiers.get(level);
        return found == null ? null : found.value();
    }

    private java.util.Collection<ServiceLevel> allTiers() {
        List<ServiceLevel> all = new ArrayList<>();
        try (KeyValueIterator<String, ValueAndTimestamp<ServiceLevel>> it = tiers.all()) {
            it.forEachRemaining(kv -> all.add(kv.value.value()));
        }
        return all;
    }

    private void forgetIdleConversations(long now) {
        Instant cutoff = Instant.ofEpochMilli(now).minus(CONVERSATION_IDLE);
        List<String> idle = new ArrayList<>();
        try (KeyValueIterator<String, ConversationContext> it = conversations.all()) {
            while (it.hasNext()) {
                KeyValue<String, ConversationContext> entry = it.next();
                String at = entry.value.updatedAt();
                // A conversation waiting for (or with) a person is kept however long it waits.
                if (at != null && Instant.parse(at).isBefore(cutoff) && entry.value.handoff() == null) {
                    idle.add(entry.key);
                }
            }
        }
        idle.forEach(conversations::delete);
    }

    /** Why a valid record was not applied: a rule of the data, not a bug. */
    public static final class RejectedRecordException extends RuntimeException {
        public RejectedRecordException(String reason) {
            super(reason);
        }
    }
}
