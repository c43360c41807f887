package dev.servicebot.topics.model;

import dev.servicebot.topics.Rules;
import dev.servicebot.topics.Validated;
import java.util.ArrayList;
import java.util.List;

/**
 * The bot's answer to one customer message, to deliver to the customer's live connections.
 * {@code reason} (optional) says why the bot read the message as it did: the rule, or the model's
 * scores and nearest labelled examples, so a wrong answer can be traced to data. {@code from} (optional)
 * is who wrote it when not the bot: a support agent's history {@code userId} ({@code agent:<id>}),
 * with {@code fromName} the name the customer sees; absent means the bot.
 */
public record Reply(
        String messageId,
        String inReplyTo,
        String conversationId,
        String customerId,
        String text,
        RequestType requestType,
        List<String> requiredActions,
        Boolean allowed,
        String timestamp,
        String reason,
        String from,
        String fromName) implements Validated {
    public static final int MAX_REASON_LENGTH = 2000;

    public Reply {
        if (HistoryMessage.BOT.equals(from)) {
            from = null; // absent and "bot" mean the same: one spelling on the wire
        }
        requiredActions = Rules.copy(requiredActions);
        if (reason != null && reason.length() > MAX_REASON_LENGTH) {
            reason = reason.substring(0, MAX_REASON_LENGTH - 1) + "…";
        }
    }

    /** A reply without a recorded reason (agents, tests, older records). */
    public Reply(String messageId, String inReplyTo, String conversationId, String customerId, String text, RequestType requestType,
                 List<String> requiredActions, Boolean allowed, String timestamp) {
        this(messageId, inReplyTo, conversationId, customerId, text, requestType, requiredActions, allowed, timestamp, null);
    }

    /** A reply from the bot, with the reason it read the message as it did. */
    public Reply(String messageId, String inReplyTo, String conversationId, String customerId, String text, RequestType requestType,
                 List<String> requiredActions, Boolean allowed, String timestamp, String reason) {
        this(messageId, inReplyTo, conversationId, customerId, text, requestType, requiredActions, allowed, timestamp, reason, null, null);
    }

    /** Whether a person wrote it (a support agent), not the bot. */
    public boolean fromPerson() {
        return from != null;
    }

    @Override
    public List<String> violations() {
        List<String> problems = new ArrayList<>();
        Rules.id(problems, "messageId", messageId);
        Rules.id(problems, "inReplyTo", inReplyTo);
        Rules.id(problems, "conversationId", conversationId);
        Rules.id(problems, "customerId", customerId);
        Rules.text(problems, "text", text);
        Rules.noBlanks(problems, "requiredActions", requiredActions);
        Rules.timestamp(problems, "timestamp", timestamp);
        if (from != null && !HistoryMessage.isAgent(from)) {
            problems.add("from '" + from + "' must be an agent's user id (" + HistoryMessage.AGENT_PREFIX + "<id>) or absent");
        }
        return problems;
    }
}
