package dev.servicebot.topics.model;

import dev.servicebot.topics.Rules;
import dev.servicebot.topics.Validated;
import java.util.ArrayList;
import java.util.List;

/**
 * A customer message the gateway accepted (and acknowledged once Kafka had it).
 * The gateway assigns {@code messageId}, {@code conversationId} and {@code timestamp};
 * {@code clientMessageId} is the client's own id, used to drop resends.
 */
public record InboundMessage(
        String messageId,
        String conversationId,
        String customerId,
        String text,
        String timestamp,
        String clientMessageId,
        String connectionId,
        String gatewayId) implements Validated {

    @Override
    public List<String> violations() {
        List<String> problems = new ArrayList<>();
        Rules.id(problems, "messageId", messageId);
        Rules.id(problems, "conversationId", conversationId);
        Rules.id(problems, "customerId", customerId);
        Rules.text(problems, "text", text);
        Rules.timestamp(problems, "timestamp", timestamp);
        return problems;
    }
}
