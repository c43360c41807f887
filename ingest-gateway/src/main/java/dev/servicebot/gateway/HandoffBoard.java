package dev.servicebot.gateway;

import dev.servicebot.topics.model.HandoffEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open handoffs, as the agent console shows them: folded from the handoffs topic, most urgent
 * priority first, then longest waiting. A view only: the processor decides every claim, message
 * and resolve; this lets the gateway refuse early what it can already see is wrong.
 */
public final class HandoffBoard {

    /** One open handoff; {@code agentId} is null while it waits for a claim. */
    public record Open(String handoffId, String conversationId, String customerId, String customerName, String serviceLevel,
                       String priority, int rank, String reason, String requestedAt, long targetSeconds, String agentId,
                       String agentName, String lastMessageAt) {

        public boolean claimed() {
            return agentId != null;
        }

        /** The queue entry of docs/protocol.md, with the wait measured at {@code now}. */
        public Entry entry(Instant now) {
            long waiting = Math.max(0, Duration.between(Instant.parse(requestedAt), now).toSeconds());
            return new Entry(handoffId, conversationId, customerId, customerName, serviceLevel, priority, rank, reason, requestedAt,
                    targetSeconds, waiting, claimed() ? "claimed" : "waiting", agentId, agentName, lastMessageAt);
        }
    }

    /** A handoff as agents see it on the wire. */
    public record Entry(String handoffId, String conversationId, String customerId, String customerName, String serviceLevel,
                        String priority, int rank, String reason, String requestedAt, long targetSeconds, long waitingSeconds,
                        String status, String agentId, String agentName, String lastMessageAt) {
    }

    private static final Comparator<Open> MOST_URGENT_FIRST = Comparator.comparingInt(Open::rank)
            .thenComparing(Open::requestedAt)
            .thenComparing(Open::conversationId);

    private final Map<String, Open> byConversation = new ConcurrentHashMap<>();

    /** Applies one step; returns whether the queue changed. Steps of an unknown kind, and refusals, change nothing. */
    public boolean apply(HandoffEvent event) {
        if (event.kind() == null || event.handoffId() == null) {
            return false;
        }
        String conversation = event.conversationId();
        return switch (event.kind()) {
            case requested -> {
                byConversation.put(conversation, open(event, null, null));
                yield true;
            }
            case claimed -> {
                byConversation.put(conversation, open(event, event.agentId(), event.agentName()));
                yield true;
            }
            case customer_message, agent_message -> {
                Open current = byConversation.get(conversation);
                if (current == null || !current.handoffId().equals(event.handoffId())) {
                    // The requested step is older than this gateway's read, or lost: rebuild from this one.
                    byConversation.put(conversation, open(event, event.agentId(), event.agentName()));
                } else {
                    byConversation.put(conversation, new Open(current.handoffId(), conversation, current.customerId(), current.customerName(),
                            current.serviceLevel(), current.priority(), current.rank(), current.reason(), current.requestedAt(),
                            current.targetSeconds(), current.agentId(), current.agentName(), event.timestamp()));
                }
                yield true;
            }
            case resolved -> byConversation.remove(conversation) != null;
            case refused, unknown -> false;
        };
    }

    private static Open open(HandoffEvent e, String agentId, String agentName) {
        return new Open(e.handoffId(), e.conversationId(), e.customerId(), e.customerName(), e.serviceLevel(), e.priority(),
                e.rank() == null ? Integer.MAX_VALUE : e.rank(), e.reason() == null ? null : e.reason().name(), e.requestedAt(),
                e.targetSeconds() == null ? 0 : e.targetSeconds(), agentId, agentName, e.timestamp());
    }

    public Optional<Open> get(String conversationId) {
        return Optional.ofNullable(byConversation.get(conversationId));
    }

    /** The queue, most urgent first. */
    public List<Open> queue() {
        return byConversation.values().stream().sorted(MOST_URGENT_FIRST).toList();
    }

    public List<Entry> entries(Instant now) {
        return queue().stream().map(o -> o.entry(now)).toList();
    }

    /** Open handoffs of a priority (waiting or claimed). */
    public long open(String priority) {
        return byConversation.values().stream().filter(o -> priority.equals(o.priority())).count();
    }

    /** How long the oldest unclaimed handoff of a priority has waited, in seconds (0 when none waits). */
    public double oldestWaitSeconds(String priority, Instant now) {
        return byConversation.values().stream().filter(o -> priority.equals(o.priority()) && !o.claimed())
                .mapToDouble(o -> Duration.between(Instant.parse(o.requestedAt()), now).toMillis() / 1000.0)
                .max().orElse(0);
    }
}
