package dev.servicebot.gateway;

import dev.servicebot.topics.model.HandoffEvent;
import dev.servicebot.topics.model.HistoryMessage;
import dev.servicebot.topics.model.Reply;
import java.util.List;

/** The WebSocket protocol (docs/protocol.md): what clients send and what the gateway sends back. */
public final class Frames {
    private Frames() {
    }

    /** Any client frame; which fields matter depends on {@code action}. */
    public record ClientFrame(String action, String text, String conversationId, String clientMessageId,
                              Integer limit, String before, String since) {
    }

    /** Sent once on connect: who the connection is and the conversation new messages go to. */
    public record Connected(String type, String connectionId, String customerId, String conversationId) {
        public Connected(String connectionId, String customerId, String conversationId) {
            this("connected", connectionId, customerId, conversationId);
        }
    }

    /** The answer to newConversation: messages without a conversationId go to this one from now on. */
    public record NewConversation(String type, String conversationId) {
        public NewConversation(String conversationId) {
            this("conversation", conversationId);
        }
    }

    /** Kafka has the message: it will be answered. */
    public record Ack(String type, String messageId, String clientMessageId, String conversationId, String timestamp) {
        public Ack(String messageId, String clientMessageId, String conversationId, String timestamp) {
            this("ack", messageId, clientMessageId, conversationId, timestamp);
        }
    }

    /** {@code from} and {@code fromName} only when a person (a support agent) wrote it. */
    public record ReplyFrame(String type, String messageId, String inReplyTo, String conversationId, String text,
                             String requestType, List<String> requiredActions, Boolean allowed, String timestamp, String reason,
                             String from, String fromName) {
        public static ReplyFrame of(Reply reply) {
            return new ReplyFrame("reply", reply.messageId(), reply.inReplyTo(), reply.conversationId(), reply.text(),
                    reply.requestType() == null ? null : reply.requestType().wireName(), reply.requiredActions(), reply.allowed(),
                    reply.timestamp(), reply.reason(), reply.from(), reply.fromName());
        }
    }

    /** Messages oldest first; {@code more} says an older page exists (ask with {@code before}). */
    public record History(String type, String conversationId, List<HistoryMessage> messages, boolean more) {
        public History(String conversationId, List<HistoryMessage> messages, boolean more) {
            this("history", conversationId, messages, more);
        }
    }

    /** The answer to resume: messages after the client's cursor, oldest first; {@code more} when a newer page exists. */
    public record Missed(String type, String conversationId, List<HistoryMessage> messages, boolean more) {
        public Missed(String conversationId, List<HistoryMessage> messages, boolean more) {
            this("missed", conversationId, messages, more);
        }
    }

    /** Something the client sent was not accepted; {@code retryable} says whether sending it again may work. */
    public record Error(String type, String code, String message, String clientMessageId, boolean retryable) {
        public Error(Code code, String message, String clientMessageId) {
            this("error", code.wire, message, clientMessageId, code.retryable);
        }
    }

    public record Pong(String type) {
        public Pong() {
            this("pong");
        }
    }

    /** Any frame from an agent's console; which fields matter depends on {@code action}. */
    public record AgentFrame(String action, String conversationId, String text, String clientMessageId, Integer limit, String before) {
    }

    /** Sent once when an agent's console connects. */
    public record AgentConnected(String type, String agentId, String name) {
        public AgentConnected(String agentId, String name) {
            this("connected", agentId, name);
        }
    }

    /** The open handoffs, most urgent first, with their waits measured at {@code serverTime}. */
    public record Queue(String type, String serverTime, List<HandoffBoard.Entry> handoffs) {
        public Queue(String serverTime, List<HandoffBoard.Entry> handoffs) {
            this("queue", serverTime, handoffs);
        }
    }

    /** Kafka has the agent's claim, message or resolve; the processor decides it next. */
    public record AgentAck(String type, String commandId, String clientMessageId, String conversationId, String timestamp) {
        public AgentAck(String commandId, String clientMessageId, String conversationId, String timestamp) {
            this("ack", commandId, clientMessageId, conversationId, timestamp);
        }
    }

    /** One step of a handoff, as on the handoffs topic. */
    public record Event(String type, HandoffEvent event) {
        public Event(HandoffEvent event) {
            this("event", event);
        }
    }

    /** Error codes, part of the public protocol. */
    public enum Code {
        INVALID_JSON("invalid_json", false),
        UNKNOWN_ACTION("unknown_action", false),
        INVALID_REQUEST("invalid_request", false),
        EMPTY_TEXT("empty_text", false),
        TEXT_TOO_LONG("text_too_long", false),
        BINARY_NOT_SUPPORTED("binary_not_supported", false),
        RATE_LIMITED("rate_limited", true),
        FORBIDDEN("forbidden", false),
        NOT_HANDED_OFF("not_handed_off", false),
        CLAIMED_BY_OTHER("claimed_by_other", false),
        NOT_CLAIMED("not_claimed", false),
        UNAVAILABLE("unavailable", true);

        final String wire;
        final boolean retryable;

        Code(String wire, boolean retryable) {
            this.wire = wire;
            this.retryable = retryable;
        }

        public String wire() {
            return wire;
        }
    }
}
