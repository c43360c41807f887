package dev.servicebot.processor.understanding;

import dev.servicebot.topics.model.RequestType;
import java.util.Map;

/**
 * What the bot made of one message: the request type (null for none), why, which device the
 * customer referred to, and the request's parameters (destination, volume, music query, schedule).
 */
public record Understanding(RequestType type, String reason, DeviceReference device, Map<String, String> parameters, Utterance utterance) {

    /** Parameter names, shared by the extractor, the actions and the replies. */
    public static final String TO = "to";
    public static final String FROM = "from";
    public static final String DIRECTION = "direction";
    public static final String LEVEL = "level";
    public static final String QUERY = "query";
    public static final String COMMAND = "command";
    public static final String SCHEDULE = "schedule";
    public static final String ROUTINE = "routine";
    /**
     * Not read from the text: a destination the customer has never used waits for a yes. The bot's
     * question leaves {@code asked} in the conversation; the answer makes it {@code yes} or {@code no}.
     */
    public static final String CONFIRM = "confirm";
    public static final String CONFIRM_ASKED = "asked";
    public static final String CONFIRM_YES = "yes";
    public static final String CONFIRM_NO = "no";
    /** A destination named that cannot be a room name (too long, odd characters): why, instead of {@link #TO}. */
    public static final String UNUSABLE_TO = "unusable_to";
    /** Not read from the text: how soon a person answers at the customer's support priority, in words. */
    public static final String WAIT = "wait";

    public Understanding {
        parameters = Map.copyOf(parameters);
    }

    public String parameter(String name) {
        return parameters.get(name);
    }

    /** The same understanding for another request type (a follow-up continuing an earlier request). */
    public Understanding as(RequestType newType, Map<String, String> newParameters) {
        return new Understanding(newType, reason, device, newParameters, utterance);
    }

    /** The same understanding with another reason. */
    public Understanding because(String newReason) {
        return new Understanding(type, newReason, device, parameters, utterance);
    }
}
