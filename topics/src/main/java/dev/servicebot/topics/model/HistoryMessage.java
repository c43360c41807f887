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
    /**
     * The {@code userId} of a support agent's message is this prefix and the agent's id. Customer
     * ids cannot contain it: the gateway refuses customer tokens whose subject starts with it.
     */
    public static final String AGENT_PREFIX = "agent:";

    /** The history {@code userId} of an agent's messages. */
    public static String agentUserId(String agentId) {
        return AGENT_PREFIX + agentId;
    }

    public static boolean isAgent(String userId) {
        return userId != null && userId.startsWith(AGENT_PREFIX) && userId.length() > AGENT_PREFIX.length();
    }

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

    public boolean fromAgent() {
        return isAgent(userId);
    }

    /** Whether the customer wrote it (not the bot, not an agent). */
    public boolean fromCustomer() {
        return !fromBot() && !fromAgent();
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
