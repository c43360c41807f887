package dev.servicebot.processor;

import dev.servicebot.topics.model.HandoffEvent;
import dev.servicebot.topics.model.RequestType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The recent turns of one conversation, kept in a state store so short follow-ups make sense:
 * after "Is my bedroom speaker online?", "move it to the kitchen" means the bedroom speaker;
 * after the bot asked "which speaker?", "the kitchen one" continues the request it asked about;
 * after it asked "do you want me to move the speaker, or play music in the kitchen?", "move it"
 * carries out the first reading of the message it was unsure about ({@code pendingChoices}, wire
 * names or {@code none}, and {@code pendingText}).
 *
 * <p>It also holds whether a person has the conversation ({@code handoff}, null while the bot
 * answers), and what leads the bot to offer one: {@code misses} (messages in a row it could not
 * understand or had to ask about), {@code lastDenied} (the last denied request type) and
 * {@code offer} (the reason of an offer the customer has not answered yet).
 */
public record ConversationContext(
        String customerId,
        String lastDeviceId,
        RequestType pendingType,
        Map<String, String> pendingParameters,
        List<Turn> turns,
        String updatedAt,
        List<String> pendingChoices,
        String pendingText,
        Handoff handoff,
        Integer misses,
        String lastDenied,
        HandoffEvent.Reason offer) {

    static final int MAX_TURNS = 10;

    /**
     * One customer message and what the bot made of it; {@code toPerson} when it went to an agent
     * instead, {@code offered} when the reply offered a person and {@code opened} when the message
     * handed the conversation to one: a replay of the turn says the same words as the first time.
     */
    public record Turn(String messageId, RequestType requestType, String deviceId, Boolean toPerson, HandoffEvent.Reason offered,
                       HandoffEvent.Reason opened) {
        public Turn(String messageId, RequestType requestType, String deviceId) {
            this(messageId, requestType, deviceId, null, null, null);
        }
    }

    /**
     * The conversation is with a person: requested at {@code requestedAt} for {@code reason},
     * claimed by {@code agentId} (null until an agent claims it).
     *
     * @param lastCustomerMessageId what an agent's message answers (the newest customer message)
     */
    public record Handoff(String handoffId, HandoffEvent.Reason reason, String customerName, String serviceLevel, String priority,
                          int rank, long targetSeconds, String requestedAt, String agentId, String agentName,
                          String lastCustomerMessageId) {

        public boolean claimed() {
            return agentId != null;
        }

        Handoff claimedBy(String agent, String name) {
            return new Handoff(handoffId, reason, customerName, serviceLevel, priority, rank, targetSeconds, requestedAt, agent, name,
                    lastCustomerMessageId);
        }

        Handoff heard(String messageId) {
            return new Handoff(handoffId, reason, customerName, serviceLevel, priority, rank, targetSeconds, requestedAt, agentId, agentName,
                    messageId);
        }
    }

    public ConversationContext {
        pendingParameters = pendingParameters == null ? Map.of() : Map.copyOf(pendingParameters);
        turns = turns == null ? List.of() : List.copyOf(turns);
        pendingChoices = pendingChoices == null ? List.of() : List.copyOf(pendingChoices);
        misses = misses == null ? 0 : misses;
    }

    public static ConversationContext start(String customerId) {
        return new ConversationContext(customerId, null, null, Map.of(), List.of(), null, List.of(), null, null, 0, null, null);
    }

    /** Whether this message was already handled: a replay or a redelivery after a crash. */
    public boolean handled(String messageId) {
        return turns.stream().anyMatch(t -> t.messageId().equals(messageId));
    }

    /** Why the reply to this (already handled) message offered a person; null when it did not, or is too old to say. */
    public HandoffEvent.Reason offeredAt(String messageId) {
        return turns.stream().filter(t -> t.messageId().equals(messageId)).map(Turn::offered).filter(java.util.Objects::nonNull)
                .findFirst().orElse(null);
    }

    /** Why this (already handled) message handed the conversation to a person; null when it did not, or is too old to say. */
    public HandoffEvent.Reason openedAt(String messageId) {
        return turns.stream().filter(t -> t.messageId().equals(messageId)).map(Turn::opened).filter(java.util.Objects::nonNull)
                .findFirst().orElse(null);
    }

    /** Whether this message, when it was handled, went to a person rather than the bot. */
    public boolean wentToPerson(String messageId) {
        return turns.stream().anyMatch(t -> t.messageId().equals(messageId) && Boolean.TRUE.equals(t.toPerson()));
    }

    /** The context after one more turn; {@code pending} is set when the bot asked which device or where to. */
    public ConversationContext after(Turn turn, String deviceId, RequestType pending, Map<String, String> pendingParams, String at) {
        return after(turn, deviceId, pending, pendingParams, List.of(), null, at);
    }

    /** ... and {@code choices} with {@code text} when it asked which of two readings of {@code text} the customer meant. */
    public ConversationContext after(Turn turn, String deviceId, RequestType pending, Map<String, String> pendingParams,
                                     List<String> choices, String text, String at) {
        return new ConversationContext(customerId, deviceId != null ? deviceId : lastDeviceId, pending, pendingParams, recent(turn), at,
                choices, text, handoff, misses, lastDenied, offer);
    }

    /** The same context with what leads to an offer of a person. */
    public ConversationContext withOffer(int misses, String lastDenied, HandoffEvent.Reason offer) {
        return new ConversationContext(customerId, lastDeviceId, pendingType, pendingParameters, turns, updatedAt, pendingChoices,
                pendingText, handoff, misses, lastDenied, offer);
    }

    /** Handed to a person (or, with null, back to the bot); nothing the bot was asking about carries over. */
    public ConversationContext withHandoff(Handoff next, String at) {
        return new ConversationContext(customerId, lastDeviceId, null, Map.of(), turns, at, List.of(), null, next, 0, null, null);
    }

    /** A customer message that went to the person who has the conversation. */
    public ConversationContext afterMessageToPerson(String messageId, String at) {
        return new ConversationContext(customerId, lastDeviceId, pendingType, pendingParameters,
                recent(new Turn(messageId, null, null, true, null, null)), at, pendingChoices, pendingText,
                handoff == null ? null : handoff.heard(messageId), misses, lastDenied, offer);
    }

    private List<Turn> recent(Turn turn) {
        List<Turn> recent = new ArrayList<>(turns);
        recent.add(turn);
        while (recent.size() > MAX_TURNS) {
            recent.remove(0);
        }
        return recent;
    }
}
