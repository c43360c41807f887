package dev.servicebot.topics.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import dev.servicebot.topics.Rules;
import dev.servicebot.topics.Validated;
import java.util.ArrayList;
import java.util.List;

/**
 * What a support agent asks of a handed-off conversation: claim it, write to the customer, resolve
 * it. Keyed by customer id, like the customer's messages, so the processor task that owns the
 * customer's conversations decides it, in order with what the customer says. The agent gets an ack
 * once Kafka has it; what came of it is a {@link HandoffEvent}.
 *
 * @param timestamp when the agent acted (the gateway's clock for the conversation): an agent
 *                  message's sort key in the history
 */
public record HandoffCommand(
        String commandId,
        Kind kind,
        String conversationId,
        String customerId,
        String agentId,
        String agentName,
        String text,
        String timestamp,
        String clientMessageId) implements Validated {

    public static final int MAX_TEXT_LENGTH = 4000;

    public enum Kind {
        claim, message, resolve,
        @JsonEnumDefaultValue unknown
    }

    @Override
    public List<String> violations() {
        List<String> problems = new ArrayList<>();
        Rules.id(problems, "commandId", commandId);
        Rules.required(problems, "kind", kind);
        Rules.id(problems, "conversationId", conversationId);
        Rules.id(problems, "customerId", customerId);
        Rules.id(problems, "agentId", agentId);
        Rules.timestamp(problems, "timestamp", timestamp);
        if (kind == Kind.message) {
            Rules.text(problems, "text", text);
            if (text != null && text.length() > MAX_TEXT_LENGTH) {
                problems.add("text is longer than " + MAX_TEXT_LENGTH + " characters");
            }
        }
        if (clientMessageId != null) {
            Rules.id(problems, "clientMessageId", clientMessageId);
        }
        return problems;
    }
}
