package dev.servicebot.processor;

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
 */
public record ConversationContext(
        String customerId,
        String lastDeviceId,
        RequestType pendingType,
        Map<String, String> pendingParameters,
        List<Turn> turns,
        String updatedAt,
        List<String> pendingChoices,
        String pendingText) {

    static final int MAX_TURNS = 10;

    /** One customer message and what the bot made of it. */
    public record Turn(String messageId, RequestType requestType, String deviceId) {
    }

    public ConversationContext {
        pendingParameters = pendingParameters == null ? Map.of() : Map.copyOf(pendingParameters);
        turns = turns == null ? List.of() : List.copyOf(turns);
        pendingChoices = pendingChoices == null ? List.of() : List.copyOf(pendingChoices);
    }

    public static ConversationContext start(String customerId) {
        return new ConversationContext(customerId, null, null, Map.of(), List.of(), null, List.of(), null);
    }

    /** Whether this message was already handled: a replay or a redelivery after a crash. */
    public boolean handled(String messageId) {
        return turns.stream().anyMatch(t -> t.messageId().equals(messageId));
    }

    /** The context after one more turn; {@code pending} is set when the bot asked which device or where to. */
    public ConversationContext after(Turn turn, String deviceId, RequestType pending, Map<String, String> pendingParams, String at) {
        return after(turn, deviceId, pending, pendingParams, List.of(), null, at);
    }

    /** ... and {@code choices} with {@code text} when it asked which of two readings of {@code text} the customer meant. */
    public ConversationContext after(Turn turn, String deviceId, RequestType pending, Map<String, String> pendingParams,
                                     List<String> choices, String text, String at) {
        List<Turn> recent = new ArrayList<>(turns);
        recent.add(turn);
        while (recent.size() > MAX_TURNS) {
            recent.remove(0);
        }
        return new ConversationContext(customerId, deviceId != null ? deviceId : lastDeviceId, pending, pendingParams, recent, at,
                choices, text);
    }
}
