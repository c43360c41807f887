package dev.servicebot.topics.model;

import dev.servicebot.topics.Rules;
import dev.servicebot.topics.Validated;
import java.util.ArrayList;
import java.util.List;

/**
 * One message of a conversation, the customer's or the bot's: exactly the Messages table item
 * of the data model (conversationId + timestamp is the key), plus {@code messageId} and, for the
 * bot's messages, {@code inReplyTo}. {@code serviceLevel} is the customer's tier when the bot
 * decided (added in a compatible revision of v1; absent on older records), for analytics.
 */
public record HistoryMessage(
        String conversationId,
        String timestamp,
        String userId,
        String text,
        RequestType requestType,
        List<String> requiredActions,
        Boolean allowed,
        String messageId,
        String inReplyTo,
        String serviceLevel) implements Validated {

    /** The {@code userId} of every message the bot writes. */
    public static final String BOT = "bot";

    public HistoryMessage {
        requiredActions = Rules.copy(requiredActions);
    }

    /** A message recorded without the tier, as before {@code serviceLevel} existed. */
    public HistoryMessage(String conversationId, String timestamp, String userId, String text, RequestType requestType,
                          List<String> requiredActions, Boolean allowed, String messageId, String inReplyTo) {
        this(conversationId, timestamp, userId, text, requestType, requiredActions, allowed, messageId, inReplyTo, null);
    }

    public boolean fromBot() {
        return BOT.equals(userId);
    }

    @Override
    public List<String> violations() {
        List<String> problems = new ArrayList<>();
        Rules.id(problems, "conversationId", conversationId);
        Rules.timestamp(problems, "timestamp", timestamp);
        Rules.id(problems, "userId", userId);
        Rules.text(problems, "text", text);
        Rules.noBlanks(problems, "requiredActions", requiredActions);
        if (messageId != null) {
            // Optional so that items from before message ids existed (the data model's example) still parse;
            // the processor always sets it.
            Rules.id(problems, "messageId", messageId);
        }
        if (serviceLevel != null) {
            Rules.name(problems, "serviceLevel", serviceLevel);
        }
        if (fromBot()) {
            Rules.id(problems, "inReplyTo", inReplyTo);
        }
        return problems;
    }
}
