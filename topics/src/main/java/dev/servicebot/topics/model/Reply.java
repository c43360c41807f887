package dev.servicebot.topics.model;

import dev.servicebot.topics.Rules;
import dev.servicebot.topics.Validated;
import java.util.ArrayList;
import java.util.List;

/** The bot's answer to one customer message, to deliver to the customer's live connections. */
public record Reply(
        String messageId,
        String inReplyTo,
        String conversationId,
        String customerId,
        String text,
        RequestType requestType,
        List<String> requiredActions,
        Boolean allowed,
        String timestamp) implements Validated {

    public Reply {
        requiredActions = Rules.copy(requiredActions);
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
        return problems;
    }
}
