package dev.servicebot.processor;

import dev.servicebot.processor.ConversationContext.Handoff;
import dev.servicebot.topics.Timestamps;
import dev.servicebot.topics.model.HandoffCommand;
import dev.servicebot.topics.model.HandoffEvent;
import dev.servicebot.topics.model.HistoryMessage;
import dev.servicebot.topics.model.InboundMessage;
import dev.servicebot.topics.model.Reply;
import java.util.List;

/**
 * A conversation handed to a person: the customer's messages go to the agent and the bot stays
 * quiet; the first agent to claim it wins and is then the only one who writes to the customer or
 * resolves it, which gives the conversation back to the bot. Pure: the caller writes what it returns.
 */
public final class HandoffDesk {
    private final Responder responder;

    public HandoffDesk(Responder responder) {
        this.responder = responder;
    }

    /**
     * What one step produces: history records, replies to push, handoff events, and the
     * conversation's next context (null when it does not change).
     */
    public record Outcome(List<HistoryMessage> history, List<Reply> replies, List<HandoffEvent> events, ConversationContext context,
                          String handoffId) {
        static Outcome refused(HandoffCommand command, String why) {
            return new Outcome(List.of(), List.of(), List.of(refusal(command, why)), null, null);
        }

        static Outcome nothing() {
            return new Outcome(List.of(), List.of(), List.of(), null, null);
        }
    }

    /** The event that puts a new handoff in the agents' queue. */
    public static HandoffEvent requested(Handoff h, String conversationId, String customerId) {
        return event(h.handoffId(), HandoffEvent.Kind.requested, h, conversationId, customerId, h.requestedAt(), null, null, null, null);
    }

    /**
     * A customer message while a person has the conversation: into the history and to the agent,
     * no bot reply. (A replayed message that went to a person when first sent, after the handoff
     * ended, is only recorded again: there is no one to pass it to.)
     */
    public Outcome customerMessage(InboundMessage message, ConversationContext context, String serviceLevel) {
        Handoff h = context.handoff();
        String at = Timestamps.normalize(message.timestamp());
        HistoryMessage history = new HistoryMessage(message.conversationId(), at, message.customerId(), message.text(),
                null, null, null, message.messageId(), null, serviceLevel);
        if (h == null) {
            return new Outcome(List.of(history), List.of(), List.of(), null, null);
        }
        HandoffEvent event = event(message.messageId(), HandoffEvent.Kind.customer_message, h, message.conversationId(),
                message.customerId(), at, null, null, message.messageId(), message.text());
        ConversationContext next = context.handled(message.messageId()) ? null : context.afterMessageToPerson(message.messageId(), at);
        return new Outcome(List.of(history), List.of(), List.of(event), next, h.handoffId());
    }

    /**
     * An agent's claim, message or resolve for a conversation whose context is {@code context}
     * (null when the processor knows no such conversation).
     */
    public Outcome decide(HandoffCommand given, ConversationContext context) {
        // History sort keys have one fixed-width form; the gateway already writes it, a hand-made command may not.
        HandoffCommand command = new HandoffCommand(given.commandId(), given.kind(), given.conversationId(), given.customerId(),
                given.agentId(), given.agentName(), given.text(), Timestamps.normalize(given.timestamp()), given.clientMessageId());
        if (context == null || !context.customerId().equals(command.customerId())) {
            return Outcome.refused(command, "conversation " + command.conversationId() + " is not handed off");
        }
        Handoff h = context.handoff();
        if (h == null) {
            return Outcome.refused(command, "conversation " + command.conversationId() + " is not handed off (it may have been resolved)");
        }
        String agent = command.agentId();
        String name = command.agentName() == null || command.agentName().isBlank() ? "A support agent" : command.agentName();
        return switch (command.kind()) {
            case claim -> claim(command, context, h, agent, name);
            case message -> {
                if (!agent.equals(h.agentId())) {
                    yield Outcome.refused(command, h.claimed() ? "claimed by " + h.agentName() + "; only they can write here"
                            : "claim the conversation before writing to the customer");
                }
                String inReplyTo = h.lastCustomerMessageId();
                HistoryMessage history = new HistoryMessage(command.conversationId(), command.timestamp(),
                        HistoryMessage.agentUserId(agent), command.text(), null, null, null, command.commandId(), inReplyTo, h.serviceLevel());
                Reply reply = new Reply(command.commandId(), inReplyTo, command.conversationId(), command.customerId(), command.text(),
                        null, List.of(), null, command.timestamp(), null, HistoryMessage.agentUserId(agent), name);
                HandoffEvent event = event(command.commandId(), HandoffEvent.Kind.agent_message, h, command.conversationId(),
                        command.customerId(), command.timestamp(), agent, name, command.commandId(), command.text());
                yield new Outcome(List.of(history), List.of(reply), List.of(event), null, h.handoffId());
            }
            case resolve -> {
                if (h.claimed() && !agent.equals(h.agentId())) {
                    yield Outcome.refused(command, "claimed by " + h.agentName() + "; only they can resolve it");
                }
                HandoffEvent event = event(command.commandId(), HandoffEvent.Kind.resolved, h, command.conversationId(),
                        command.customerId(), command.timestamp(), agent, name, null, null);
                Notice notice = notice(command, h, responder.agentLeft(h.claimed() ? h.agentName() : name));
                yield new Outcome(List.of(notice.history()), List.of(notice.reply()), List.of(event),
                        context.withHandoff(null, command.timestamp()), h.handoffId());
            }
            case unknown -> Outcome.refused(command, "unknown action");
        };
    }

    private Outcome claim(HandoffCommand command, ConversationContext context, Handoff h, String agent, String name) {
        if (agent.equals(h.agentId())) {
            return Outcome.nothing(); // claimed twice by the same agent (a double click): already theirs
        }
        if (h.claimed()) {
            return Outcome.refused(command, "already claimed by " + h.agentName());
        }
        Handoff claimed = h.claimedBy(agent, name);
        HandoffEvent event = event(command.commandId(), HandoffEvent.Kind.claimed, claimed, command.conversationId(),
                command.customerId(), command.timestamp(), agent, name, null, null);
        Notice notice = notice(command, h, responder.agentJoined(name));
        return new Outcome(List.of(notice.history()), List.of(notice.reply()), List.of(event),
                context.withHandoff(claimed, command.timestamp()), h.handoffId());
    }

    /** The bot telling the customer who has the conversation now. */
    private record Notice(HistoryMessage history, Reply reply) {
    }

    private static Notice notice(HandoffCommand command, Handoff h, String text) {
        String id = command.commandId();
        String inReplyTo = h.lastCustomerMessageId();
        return new Notice(
                new HistoryMessage(command.conversationId(), command.timestamp(), HistoryMessage.BOT, text, null, null, null, id, inReplyTo,
                        h.serviceLevel()),
                new Reply(id, inReplyTo, command.conversationId(), command.customerId(), text, null, List.of(), null, command.timestamp()));
    }

    private static HandoffEvent event(String eventId, HandoffEvent.Kind kind, Handoff h, String conversationId, String customerId,
                                      String at, String agentId, String agentName, String messageId, String text) {
        return new HandoffEvent(eventId, kind, h.handoffId(), conversationId, customerId, h.customerName(), h.serviceLevel(),
                h.priority(), h.rank(), h.targetSeconds(), h.reason(), h.requestedAt(), at,
                agentId != null ? agentId : h.agentId(), agentName != null ? agentName : h.agentName(), messageId, text, null);
    }

    private static HandoffEvent refusal(HandoffCommand command, String why) {
        return new HandoffEvent(command.commandId(), HandoffEvent.Kind.refused, null, command.conversationId(), command.customerId(),
                null, null, null, null, null, null, null, command.timestamp(), command.agentId(), command.agentName(), null, null, why);
    }
}
