package dev.servicebot.processor;

import dev.servicebot.processor.DeviceResolver.Resolution;
import dev.servicebot.processor.PermissionCheck.Decision;
import dev.servicebot.processor.Responder.Facts;
import dev.servicebot.processor.Responder.Situation;
import dev.servicebot.processor.understanding.ParameterExtractor;
import dev.servicebot.processor.understanding.RequestInterpreter;
import dev.servicebot.processor.understanding.RequestInterpreter.Interpretation;
import dev.servicebot.processor.understanding.Understanding;
import dev.servicebot.processor.understanding.Utterance;
import dev.servicebot.topics.Timestamps;
import dev.servicebot.topics.model.CatalogueEntry;
import dev.servicebot.topics.model.Customer;
import dev.servicebot.topics.model.DeviceCommand;
import dev.servicebot.topics.model.HandoffEvent;
import dev.servicebot.topics.model.HistoryMessage;
import dev.servicebot.topics.model.InboundMessage;
import dev.servicebot.topics.model.Reply;
import dev.servicebot.topics.model.RequestCatalogue;
import dev.servicebot.topics.model.RequestType;
import dev.servicebot.topics.model.ServiceLevel;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's judgement for one customer message: understand it, find the device, decide from the
 * tier's data whether it is allowed, carry out what is allowed, and reply. Pure and deterministic:
 * the same message and state always give the same answer, ids and history keys.
 */
public final class Bot {
    private static final Logger log = LoggerFactory.getLogger(Bot.class);
    private static final Pattern FIRST = Pattern.compile(" (?:first|1st|former|the 1|option 1|number 1) ");
    private static final Pattern SECOND = Pattern.compile(" (?:second|2nd|latter|other|option 2|number 2|the 2) ");
    private static final Pattern NEITHER = Pattern.compile("^ (?:no|nope|neither|none|nothing|never mind|nevermind|forget it|cancel)(?: thanks| thank you)? $");
    private static final String AGREEING = "yes|yeah|yea|yep|yup|y|sure|ok|okay|please|please do|yes please|go ahead|do it|do that"
            + "|that would be great|that would help|i would like that";
    /** "Yes" to the bot's offer of a person ("a person" itself says yes to that offer). */
    private static final Pattern YES = Pattern.compile("^ (?:" + AGREEING + "|a person|person|human)(?: please| thanks| thank you| yes)? $");
    /** "Yes" to the bot's question whether to move a device: asking for a person is not one. */
    private static final Pattern CONFIRMED = Pattern.compile("^ (?:" + AGREEING + ")(?: please| thanks| thank you| yes)? $");
    /** Greetings, thanks and the like: not understood as a request, but nothing the bot failed at. */
    private static final Pattern SMALL_TALK = Pattern.compile("^ (?:hi|hello|hey|thanks|thank you|cheers|ok|okay|no|no thanks|nope|bye|goodbye"
            + "|great|cool|good (?:morning|afternoon|evening))(?: there| again| so much| you| very much)? $");
    /** Results the bot asks about; the answer carries the request on. */
    private static final Set<DeviceActions.Kind> QUESTIONS = EnumSet.of(DeviceActions.Kind.NEEDS_DESTINATION,
            DeviceActions.Kind.NEEDS_CONFIRMATION, DeviceActions.Kind.UNUSABLE_ROOM);
    /** Misunderstood messages in a row after which the bot offers a person. */
    static final int MISSES_BEFORE_OFFER = 2;
    /** How strongly a follow-up must lean to one of the two readings the bot offered. */
    static final double FOLLOW_UP_LEAN = 0.7;
    /** Answers to "which one?" are short: "the kitchen one", "the one in the bedroom". */
    static final int SHORT_ANSWER_WORDS = 5;

    private final RequestInterpreter interpreter;
    private final DeviceResolver resolver = new DeviceResolver();
    private final PermissionCheck permissions = new PermissionCheck();
    private final DeviceActions actions = new DeviceActions();
    private final Responder responder;
    private final SupportPriorities priorities;
    /** The type whose effect is to bring in a person (the catalogue has one). */
    private final RequestType handoffType = RequestCatalogue.standard().entries().stream()
            .filter(e -> e.effect() == CatalogueEntry.Effect.handoff).findFirst().map(e -> RequestType.of(e.type())).orElse(null);

    public Bot(RequestInterpreter interpreter, Responder responder) {
        this(interpreter, responder, SupportPriorities.DEFAULT);
    }

    public Bot(RequestInterpreter interpreter, Responder responder, SupportPriorities priorities) {
        this.interpreter = interpreter;
        this.responder = responder;
        this.priorities = priorities;
    }

    /** The wording the bot replies in, also for what the handoff desk tells the customer. */
    public Responder responder() {
        return responder;
    }

    /** The bot with the shipped request model and the default wording. */
    public static Bot standard() {
        return standard(SupportPriorities.DEFAULT);
    }

    public static Bot standard(SupportPriorities priorities) {
        return new Bot(RequestInterpreter.load(), new TemplateResponder(), priorities);
    }

    /**
     * Everything one message produces.
     *
     * @param updatedCustomer the customer after a relocation, or null when unchanged
     * @param handoff         the handoff this message opened, or null (the context then holds it too)
     */
    public record Answer(HistoryMessage customerMessage, HistoryMessage botMessage, Reply reply, Customer updatedCustomer,
                         List<DeviceCommand> deviceCommands, ConversationContext context, ConversationContext.Handoff handoff) {
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
        Interpretation read = interpreter.interpret(utterance);
        Understanding understanding = ParameterExtractor.extract(utterance, read.type(), read.reason());
        boolean unsure = !read.confident();
        Optional<Understanding> chosen = continueClarification(utterance, read, context);
        if (chosen.isPresent()) {
            understanding = chosen.get();
            unsure = false;
        } else if (context.pendingChoices().isEmpty()) {
            Understanding continued = continuePending(understanding, read.confident(), context, customer);
            unsure &= continued == understanding;
            understanding = continued;
        }
        // Asking for a person, or "yes" to the bot's offer of one, hands the conversation over: every tier may.
        boolean acceptsOffer = context.offer() != null && YES.matcher(utterance.normalized()).find();
        boolean asksForPerson = !unsure && understanding.type() != null && understanding.type().known()
                && understanding.type().entry().effect() == CatalogueEntry.Effect.handoff;
        // A replay (the message is among the turns already) says what it said the first time, though
        // the context has moved on since: whether it handed over, and whether it offered a person.
        boolean replay = context.handled(message.messageId());
        HandoffEvent.Reason handoffReason = replay ? context.openedAt(message.messageId())
                : acceptsOffer ? context.offer()
                : asksForPerson ? (context.offer() != null ? context.offer() : HandoffEvent.Reason.asked) : null;
        if (handoffReason != null && handoffType != null) {
            String priority = tier == null ? null : tier.supportPriority();
            Map<String, String> parameters = new HashMap<>(understanding.parameters());
            parameters.put(Understanding.WAIT, priorities.inWords(priority));
            understanding = understanding.as(handoffType, parameters).because(acceptsOffer
                    ? "accepted the bot's offer of a person (" + handoffReason + ")" : understanding.reason());
            unsure = false;
        }
        log.debug("message {}: {} ({})", message.messageId(), understanding.type() == null ? "none" : understanding.type().wireName(),
                understanding.reason());
        String replyAt = Timestamps.replyTo(message.timestamp());

        Facts facts;
        Decision decision = null;
        Resolution resolution = null;
        DeviceActions.Result result = null;
        if (customer == null) {
            facts = new Facts(Situation.UNKNOWN_CUSTOMER, message.customerId(), null, null, understanding, null, null, null);
        } else if (handoffReason != null) {
            facts = new Facts(Situation.HANDED_OFF, message.customerId(), customer, tier, understanding, null, null, null);
        } else if (tier == null) {
            facts = new Facts(Situation.UNKNOWN_TIER, message.customerId(), customer, null, understanding, null, null, null);
        } else if (unsure && namesADeviceNotOwned(customer, understanding)) {
            // Whichever reading is meant, the device named by its id is not on the account: say that, don't ask.
            facts = new Facts(Situation.DEVICE_NOT_FOUND, message.customerId(), customer, tier, understanding, null, null, null);
        } else if (unsure) {
            facts = new Facts(Situation.CLARIFY, message.customerId(), customer, tier, understanding, null, null, null,
                    read.alternatives());
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

        // What leads to an offer of a person: misunderstood messages in a row, or the same request denied twice.
        int misses = switch (facts.situation()) {
            case CLARIFY -> context.misses() + 1;
            case NOT_A_REQUEST -> SMALL_TALK.matcher(utterance.normalized()).find() ? context.misses() : context.misses() + 1;
            default -> 0;
        };
        String lastDenied = context.lastDenied();
        HandoffEvent.Reason offer = null;
        if (facts.situation() == Situation.DENIED) {
            if (understanding.type().wireName().equals(lastDenied)) {
                offer = HandoffEvent.Reason.denied_twice;
            }
            lastDenied = understanding.type().wireName();
        }
        if (misses >= MISSES_BEFORE_OFFER) {
            offer = HandoffEvent.Reason.not_understood;
        }
        if (replay) {
            offer = context.offeredAt(message.messageId());
        }
        if (offer != null && handoffType != null) {
            text = text + " " + responder.offerOfPerson();
            misses = 0;
            lastDenied = null;
        }

        RequestType type = facts.situation() == Situation.CLARIFY ? null : understanding.type();
        List<String> required = type == null ? null : type.requiredActions();
        Boolean allowed = null; // no permission question was asked (not a request, unsure, unknown customer)
        if (decision != null) {
            allowed = decision.allowed();
        } else if (facts.situation() == Situation.HANDED_OFF) {
            allowed = Boolean.TRUE; // every tier can reach a person
        }
        String at = Timestamps.normalize(message.timestamp());
        String level = customer == null ? null : customer.serviceLevel();
        HistoryMessage customerMessage = new HistoryMessage(message.conversationId(), at, message.customerId(), message.text(),
                type, required, allowed, message.messageId(), null, level);
        HistoryMessage botMessage = new HistoryMessage(message.conversationId(), replyAt, HistoryMessage.BOT, text,
                type, required, allowed, replyId(message.messageId()), message.messageId(), level);
        Reply reply = new Reply(replyId(message.messageId()), message.messageId(), message.conversationId(), message.customerId(),
                text, type, required == null ? List.of() : required, allowed, replyAt, understanding.reason());

        String deviceId = resolution != null && resolution.kind() == Resolution.Kind.RESOLVED && resolution.devices().size() == 1
                ? resolution.device().id() : null;
        boolean asked = facts.situation() == Situation.AMBIGUOUS || (result != null && QUESTIONS.contains(result.kind()));
        boolean clarify = facts.situation() == Situation.CLARIFY;
        ConversationContext next = context.handled(message.messageId()) ? context : context.after(
                new ConversationContext.Turn(message.messageId(), type, deviceId, null, offer != null && handoffType != null ? offer : null,
                        facts.situation() == Situation.HANDED_OFF ? handoffReason : null), deviceId,
                asked ? type : null, asked ? stillPending(understanding, result) : Map.of(),
                clarify ? read.alternatives().stream().map(Bot::label).toList() : List.of(), clarify ? message.text() : null, replyAt)
                .withOffer(misses, lastDenied, offer != null && handoffType != null ? offer : null);
        ConversationContext.Handoff opened = null;
        if (facts.situation() == Situation.HANDED_OFF && !replay) { // a handled message already opened its handoff
            String priority = tier == null ? null : tier.supportPriority();
            opened = new ConversationContext.Handoff(handoffId(message.messageId()), handoffReason, customer.name(), level, priority,
                    priorities.rank(priority), priorities.target(priority).toSeconds(), at, null, null, message.messageId());
            next = next.withHandoff(opened, replyAt);
        }
        return new Answer(customerMessage, botMessage, reply,
                result == null ? null : result.updatedCustomer(),
                result == null ? List.of() : result.commands(), next, opened);
    }

    /**
     * What a question leaves for its answer: the request so far, never a destination that cannot be
     * a room; a room new on the account is marked as asked about, so that "yes" moves the device there.
     */
    private static Map<String, String> stillPending(Understanding understanding, DeviceActions.Result result) {
        Map<String, String> parameters = new HashMap<>(understanding.parameters());
        parameters.remove(Understanding.UNUSABLE_TO);
        if (result != null && result.kind() == DeviceActions.Kind.UNUSABLE_ROOM) {
            parameters.remove(Understanding.TO);
        }
        if (result != null && result.kind() == DeviceActions.Kind.NEEDS_CONFIRMATION) {
            parameters.put(Understanding.CONFIRM, Understanding.CONFIRM_ASKED);
        }
        return parameters;
    }

    /** The id of the handoff a customer message opens: stable across replays. */
    public static String handoffId(String messageId) {
        return messageId + "-h";
    }

    /**
     * After the bot asked which of two readings the customer meant, the answer picks one: by saying
     * it ("move it", "the music one"), by position ("the first"), or by leaning clearly to one when
     * read by the model. The request then runs with what the first message said, plus what the
     * answer adds. "No" or "neither" ends it as no request; anything else is a new message.
     */
    private static boolean namesADeviceNotOwned(Customer customer, Understanding understanding) {
        String id = understanding.device() == null ? null : understanding.device().deviceId();
        return id != null && customer.device(id).isEmpty();
    }

    private Optional<Understanding> continueClarification(Utterance answer, Interpretation read, ConversationContext context) {
        List<String> choices = context.pendingChoices();
        if (choices.size() != 2 || context.pendingText() == null) {
            return Optional.empty();
        }
        RequestType first = type(choices.get(0));
        RequestType second = type(choices.get(1));
        if (first != null && !first.known() || second != null && !second.known()) {
            return Optional.empty(); // a reading a newer build offered: read the answer on its own
        }
        String text = answer.normalized();
        RequestType picked;
        if (NEITHER.matcher(text).find()) {
            return Optional.of(ParameterExtractor.extract(answer, null, "declined both readings the bot offered"));
        } else if (read.confident() && (Objects.equals(read.type(), first) || Objects.equals(read.type(), second))) {
            picked = read.type();
        } else if (FIRST.matcher(text).find() && !SECOND.matcher(text).find()) {
            picked = first;
        } else if (SECOND.matcher(text).find() && !FIRST.matcher(text).find()) {
            picked = second;
        } else {
            double lean = read.preference(first, second);
            if (lean >= FOLLOW_UP_LEAN) {
                picked = first;
            } else if (lean <= 1 - FOLLOW_UP_LEAN) {
                picked = second;
            } else {
                return Optional.empty();
            }
        }
        String reason = "answers the bot's question about \"" + context.pendingText() + "\": " + label(picked);
        Understanding original = ParameterExtractor.extract(Utterance.of(context.pendingText()), picked, reason);
        Understanding added = ParameterExtractor.extract(answer, picked, reason);
        Map<String, String> parameters = new HashMap<>(original.parameters());
        // The answer adds only what the first message did not say: its own defaults ("up", "play")
        // must not overwrite "it's too loud" or "stop the music".
        added.parameters().forEach((k, v) -> {
            if (!k.equals(Understanding.ROUTINE)) {
                parameters.putIfAbsent(k, v);
            }
        });
        return Optional.of((added.device().explicit() ? added : original).as(picked, parameters));
    }

    private static String label(RequestType type) {
        return type == null ? "none" : type.wireName();
    }

    private static RequestType type(String label) {
        return label.equals("none") ? null : RequestType.of(label);
    }

    /**
     * After the bot asked "which one?", "where to?" or whether to use a room new on the account, an
     * answer like "the kitchen one", "to the office" or "yes" carries on the request the question was about.
     */
    private static Understanding continuePending(Understanding understanding, boolean confident, ConversationContext context,
                                                 Customer customer) {
        if (context.pendingType() == null || !context.pendingType().known()) {
            return understanding; // nothing pending, or a type a newer build left in the store
        }
        Map<String, String> pending = context.pendingParameters();
        boolean confirming = Understanding.CONFIRM_ASKED.equals(pending.get(Understanding.CONFIRM));
        if (confirming) {
            String said = understanding.utterance().normalized();
            String answer = CONFIRMED.matcher(said).find() ? Understanding.CONFIRM_YES
                    : NEITHER.matcher(said).find() ? Understanding.CONFIRM_NO : null;
            if (answer != null) {
                Map<String, String> parameters = new HashMap<>(pending);
                parameters.put(Understanding.CONFIRM, answer);
                return understanding.as(context.pendingType(), parameters)
                        .because("answers the bot's question whether to move the device to a room new on the account: " + answer);
            }
        }
        // A short answer that names one of the customer's devices ("the kitchen one") answers the
        // question, whatever the model makes of it alone; a full request of its own does not.
        String said = understanding.utterance().text();
        boolean shortAnswer = said.strip().split(" ").length <= SHORT_ANSWER_WORDS;
        boolean namesOwnDevice = customer != null && customer.devices().stream().anyMatch(d -> DeviceResolver.mentions(said, d.location()));
        if (understanding.type() != null && confident && !(shortAnswer && namesOwnDevice)) {
            return understanding;
        }
        // Read the answer as part of the pending request, keeping what the first message said.
        Understanding resumed = ParameterExtractor.extract(understanding.utterance(), context.pendingType(),
                "answers the bot's question about an earlier request");
        Map<String, String> parameters = new HashMap<>(resumed.parameters());
        parameters.putAll(pending);
        boolean destinationOpen = context.pendingType().entry().parameters().contains(Understanding.TO)
                && (!pending.containsKey(Understanding.TO) || confirming);
        boolean givesDestination = destinationOpen
                && (resumed.parameter(Understanding.TO) != null || resumed.parameter(Understanding.UNUSABLE_TO) != null);
        if (givesDestination) {
            // The room the answer names replaces one the bot asked to confirm, and is judged afresh.
            parameters.keySet().removeAll(List.of(Understanding.TO, Understanding.UNUSABLE_TO, Understanding.CONFIRM));
            for (String name : List.of(Understanding.TO, Understanding.UNUSABLE_TO)) {
                if (resumed.parameter(name) != null) {
                    parameters.put(name, resumed.parameter(name));
                }
            }
        }
        String text = understanding.utterance().text();
        boolean picksDevice = resumed.device().explicit()
                || (customer != null && customer.devices().stream().anyMatch(d -> DeviceResolver.mentions(text, d.location())));
        return givesDestination || picksDevice ? resumed.as(context.pendingType(), parameters) : understanding;
    }
}
