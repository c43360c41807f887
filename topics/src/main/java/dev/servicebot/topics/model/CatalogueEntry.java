package dev.servicebot.topics.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * What one request type is: its wire name, the action a tier must allow, how it picks devices,
 * what it does, the parameters it reads, its phrases and examples. Read from
 * {@code request-types.json}; see {@link RequestCatalogue}.
 *
 * @param type       the wire name, e.g. {@code device_relocation}
 * @param action     the action in a service level's {@code allowed_actions} this request needs; null when every tier may
 *                   (asking for a person)
 * @param can        the action in the customer's words, after "I can ...": "move devices between rooms"; null without an action
 * @param audio      whether only a device that plays audio will do
 * @param target     which devices it acts on
 * @param effect     what carrying it out does
 * @param parameters the details the understanding reads from the text (names in {@code Understanding})
 * @param reading    the request in the customer's words, after "do you want me to ...", for a clarifying question
 * @param replyBy    the parameter (or {@code count}) that picks one of {@code replies}; null when there is one
 * @param replies    the reply once done, by the value of {@code replyBy}; {@code *} is the default
 * @param examples   messages a customer could send, shown as suggestions
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogueEntry(String type, String action, String can, boolean audio, Target target, Effect effect,
                             List<String> parameters, String reading, String replyBy, Map<String, String> replies,
                             List<String> examples) {

    /** Which of the customer's devices a request acts on. */
    public enum Target {
        /** One device; when the message leaves several, the bot asks which. */
        one,
        /** One device, or all of them when the message names none ("what devices do I have"). */
        listed,
        /** Every audio device the message names, or all of them; needs at least two. */
        group,
        /** No device: the request is about the conversation (asking for a person). */
        none
    }

    /** What carrying out an allowed request does. */
    public enum Effect {
        /** Nothing changes; the reply is read from the customer record. */
        answer,
        /** The device's location changes in the customer record. */
        relocate,
        /** One device command per target device. */
        command,
        /** One device command, on the first target (the routine lives there). */
        routine,
        /** The conversation goes to a support agent; the bot stops answering until the agent resolves it. */
        handoff
    }

    public CatalogueEntry {
        parameters = List.copyOf(parameters == null ? List.of() : parameters);
        replies = Map.copyOf(replies == null ? Map.of() : replies);
        examples = List.copyOf(examples == null ? List.of() : examples);
    }

    /** The reply phrase for this value of {@code replyBy} (or the default). */
    public String reply(String variant) {
        String phrase = variant == null ? null : replies.get(variant);
        return phrase != null ? phrase : replies.get("*");
    }
}
