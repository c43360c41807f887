package dev.servicebot.topics.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import dev.servicebot.topics.Rules;
import dev.servicebot.topics.Validated;
import java.util.ArrayList;
import java.util.List;

/**
 * One step in the life of a handoff, a conversation passed from the bot to a person: requested,
 * claimed by an agent, a customer or agent message while it is handed off, resolved; or an agent's
 * action the processor refused. Keyed by conversation id, so one conversation's steps stay in order.
 * Written by the processor, the one writer of each conversation's handoff state.
 *
 * <p>Every step repeats what identifies the handoff (its id, customer, tier, priority, when it was
 * requested), so a reader needs no other step to place it: the agent console's queue, the analytics.
 *
 * @param handoffId    the id of the handoff: the requesting message's id with {@code -h}
 * @param rank         the queue position of {@code priority}: 0 is served first (from configuration)
 * @param targetSeconds how soon a person should answer at this priority (from configuration)
 * @param requestedAt  when the handoff was requested (its {@code requested} step's timestamp)
 * @param agentId      the agent who claimed, wrote, resolved or was refused
 * @param messageId    for a message step: the history record's message id
 * @param text         for a message step: what was said
 * @param refusal      for a {@code refused} step: why, in words for the agent
 */
public record HandoffEvent(
        String eventId,
        Kind kind,
        String handoffId,
        String conversationId,
        String customerId,
        String customerName,
        String serviceLevel,
        String priority,
        Integer rank,
        Long targetSeconds,
        Reason reason,
        String requestedAt,
        String timestamp,
        String agentId,
        String agentName,
        String messageId,
        String text,
        String refusal) implements Validated {

    public enum Kind {
        requested, claimed, customer_message, agent_message, resolved, refused,
        /** A kind a newer producer added; readers skip it. */
        @JsonEnumDefaultValue unknown
    }

    /** Why the conversation went to a person. */
    public enum Reason {
        /** The customer asked for a person. */
        asked,
        /** Two messages in a row the bot could not understand or had to ask about, and the customer took the offer. */
        not_understood,
        /** The same request denied twice, and the customer took the offer. */
        denied_twice,
        @JsonEnumDefaultValue unknown
    }

    /** Whether this step names an agent (claimed, agent message, resolved by an agent, refused). */
    public boolean byAgent() {
        return agentId != null;
    }

    @Override
    public List<String> violations() {
        List<String> problems = new ArrayList<>();
        Rules.id(problems, "eventId", eventId);
        Rules.required(problems, "kind", kind);
        Rules.id(problems, "conversationId", conversationId);
        Rules.id(problems, "customerId", customerId);
        Rules.timestamp(problems, "timestamp", timestamp);
        if (kind == Kind.refused) {
            Rules.id(problems, "agentId", agentId);
            Rules.text(problems, "refusal", refusal);
            return problems; // a refusal may name a conversation that has no handoff at all
        }
        Rules.id(problems, "handoffId", handoffId);
        Rules.timestamp(problems, "requestedAt", requestedAt);
        if (kind == Kind.requested) {
            Rules.required(problems, "reason", reason);
        }
        if (kind == Kind.claimed || kind == Kind.agent_message) {
            Rules.id(problems, "agentId", agentId);
        }
        if (kind == Kind.customer_message || kind == Kind.agent_message) {
            Rules.id(problems, "messageId", messageId);
            Rules.text(problems, "text", text);
        }
        if (agentId != null) {
            Rules.id(problems, "agentId", agentId);
        }
        if (serviceLevel != null) {
            Rules.name(problems, "serviceLevel", serviceLevel);
        }
        if (priority != null) {
            Rules.name(problems, "priority", priority);
        }
        if (rank != null && rank < 0) {
            problems.add("rank must not be negative");
        }
        if (targetSeconds != null && targetSeconds <= 0) {
            problems.add("targetSeconds must be positive");
        }
        return problems;
    }
}
