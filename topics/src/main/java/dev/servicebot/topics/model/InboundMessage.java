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

    /**
     * The id of a customer's message. A resend (same customer, conversation and clientMessageId) gets
     * the same id on any gateway, after any restart, so the processor can tell it from a new message;
     * a message without a clientMessageId cannot be resent and gets a random id.
     */
    public static String idFor(String customerId, String conversationId, String clientMessageId) {
        if (clientMessageId == null) {
            return "msg-" + java.util.UUID.randomUUID();
        }
        String name = customerId + '\u0000' + conversationId + '\u0000' + clientMessageId;
        return "msg-" + java.util.UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

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
