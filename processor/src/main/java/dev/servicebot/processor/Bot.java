package dev.servicebot.processor;

import dev.servicebot.processor.DeviceResolver.Resolution;
import dev.servicebot.processor.PermissionCheck.Decision;
import dev.servicebot.processor.Responder.Facts;
import dev.servicebot.processor.Responder.Situation;
import dev.servicebot.processor.understanding.ParameterExtractor;
import dev.servicebot.processor.understanding.RequestClassifier;
import dev.servicebot.processor.understanding.Understanding;
import dev.servicebot.processor.understanding.Utterance;
import dev.servicebot.topics.Timestamps;
import dev.servicebot.topics.model.Customer;
import dev.servicebot.topics.model.DeviceCommand;
import dev.servicebot.topics.model.HistoryMessage;
import dev.servicebot.topics.model.InboundMessage;
import dev.servicebot.topics.model.Reply;
import dev.servicebot.topics.model.RequestType;
import dev.servicebot.topics.model.ServiceLevel;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The bot's judgement for one customer message: understand it, find the device, decide from the
 * tier's data whether it is allowed, carry out what is allowed, and reply. Pure and deterministic:
 * the same message and state always give the same answer, ids and history keys.
 */
public final class Bot {
    private final RequestClassifier classifier = new RequestClassifier();
    private final DeviceResolver resolver = new DeviceResolver();
    private final PermissionCheck permissions = new PermissionCheck();
    private final DeviceActions actions = new DeviceActions();
    private final Responder responder;

    public Bot(Responder responder) {
        this.responder = responder;
    }

    /**
     * Everything one message produces.
     *
     * @param updatedCustomer the customer after a relocation, or null when unchanged
     */
    public record Answer(HistoryMessage customerMessage, HistoryMessage botMessage, Reply reply, Customer updatedCustomer,
                         List<DeviceCommand> deviceCommands, ConversationContext context) {
    }

    /** The bot's message id for a customer message: stable across replays. */
    public static String replyId(String messageId) {
        return messageId + "-r";
    }

    /**
     * @param customer the customer, or null when unknown
     * @param tier     the customer's service level, or null when it is not in the data
     */
    public Answer answer(InboundMessage message, Customer customer, ServiceLevel tier, Collection<ServiceLevel> allTiers,
                         ConversationContext context) {
        return answer(message, customer, tier, () -> allTiers, context);
    }

    /** @param allTiers every service level, read only when a denial must name the tier that would allow it */
    public Answer answer(InboundMessage message, Customer customer, ServiceLevel tier, Supplier<Collection<ServiceLevel>> allTiers,
                         ConversationContext context) {
        Utterance utterance = Utterance.of(message.text());
        Understanding understanding = ParameterExtractor.extract(utterance, classifier.classify(utterance));
        understanding = continuePending(understanding, context, customer);
        String replyAt = Timestamps.replyTo(message.timestamp());

        Facts facts;
        Decision decision = null;
        Resolution resolution = null;
        DeviceActions.Result result = null;
        if (customer == null) {
            facts = new Facts(Situation.UNKNOWN_CUSTOMER, message.customerId(), null, null, understanding, null, null, null);
        } else if (tier == null) {
            facts = new Facts(Situation.UNKNOWN_TIER, message.customerId(), customer, null, understanding, null, null, null);
        } else if (understanding.type() == null) {
            facts = new Facts(Situation.NOT_A_REQUEST, message.customerId(), customer, tier, understanding, null, null, null);
        } else {
            decision = permissions.decide(understanding.type(), tier, allTiers);
            resolution = resolver.resolve(customer, understanding.type(), understanding.device(), Optional.ofNullable(context.lastDeviceId()));
            Situation situation;
            if (!decision.allowed()) {
                situation = Situation.DENIED;
            } else if (resolution.kind() == Resolution.Kind.NO_DEVICES) {
                situation = Situation.NO_DEVICES;
            } else if (resolution.kind() == Resolution.Kind.NOT_FOUND) {
                situation = Situation.DEVICE_NOT_FOUND;
            } else if (resolution.kind() == Resolution.Kind.AMBIGUOUS) {
                situation = Situation.AMBIGUOUS;
            } else {
                situation = Situation.ACTED;
                result = actions.carryOut(customer, understanding, resolution.devices(), message.messageId(), replyAt);
            }
            facts = new Facts(situation, message.customerId(), customer, tier, understanding, decision, resolution, result);
        }
        String text = responder.respond(facts);

        RequestType type = understanding.type();
        List<String> required = type == null ? null : type.requiredActions();
        Boolean allowed = decision == null ? null : decision.allowed();
        String at = Timestamps.normalize(message.timestamp());
        String level = customer == null ? null : customer.serviceLevel();
        HistoryMessage customerMessage = new HistoryMessage(message.conversationId(), at, message.customerId(), message.text(),
                type, required, allowed, message.messageId(), null, level);
        HistoryMessage botMessage = new HistoryMessage(message.conversationId(), replyAt, HistoryMessage.BOT, text,
                type, required, allowed, replyId(message.messageId()), message.messageId(), level);
        Reply reply = new Reply(replyId(message.messageId()), message.messageId(), message.conversationId(), message.customerId(),
                text, type, required == null ? List.of() : required, allowed, replyAt);

        String deviceId = resolution != null && resolution.kind() == Resolution.Kind.RESOLVED && resolution.devices().size() == 1
                ? resolution.device().id() : null;
        boolean asked = facts.situation() == Situation.AMBIGUOUS
                || (result != null && result.kind() == DeviceActions.Kind.NEEDS_DESTINATION);
        ConversationContext next = context.handled(message.messageId()) ? context : context.after(
                new ConversationContext.Turn(message.messageId(), type, deviceId), deviceId,
                asked ? type : null, asked ? understanding.parameters() : Map.of(), replyAt);
        return new Answer(customerMessage, botMessage, reply,
                result == null ? null : result.updatedCustomer(),
                result == null ? List.of() : result.commands(), next);
    }

    /**
     * After the bot asked "which one?" or "where to?", an answer like "the kitchen one" or
     * "to the office" carries on the request the question was about.
     */
    private static Understanding continuePending(Understanding understanding, ConversationContext context, Customer customer) {
        if (understanding.type() != null || context.pendingType() == null) {
            return understanding;
        }
        // Read the answer as part of the pending request, keeping what the first message said.
        Understanding resumed = ParameterExtractor.extract(understanding.utterance(),
                new RequestClassifier.Intent(context.pendingType(), "answers the bot's question about an earlier request"));
        Map<String, String> parameters = new HashMap<>(resumed.parameters());
        parameters.putAll(context.pendingParameters());
        boolean givesDestination = context.pendingType() == RequestType.DEVICE_RELOCATION
                && !context.pendingParameters().containsKey(Understanding.TO) && resumed.parameter(Understanding.TO) != null;
        if (givesDestination) {
            parameters.put(Understanding.TO, resumed.parameter(Understanding.TO));
        }
        String text = understanding.utterance().text();
        boolean picksDevice = resumed.device().explicit()
                || (customer != null && customer.devices().stream().anyMatch(d -> DeviceResolver.mentions(text, d.location())));
        return givesDestination || picksDevice ? resumed.as(context.pendingType(), parameters) : understanding;
    }
}
