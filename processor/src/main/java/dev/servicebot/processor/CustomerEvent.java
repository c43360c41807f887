package dev.servicebot.processor;

import dev.servicebot.topics.model.CustomerCommand;
import dev.servicebot.topics.model.HandoffCommand;
import dev.servicebot.topics.model.InboundMessage;

/**
 * What reaches the task that owns a customer, in arrival order: a chat message, an admin command,
 * or a support agent's command for one of the customer's conversations.
 */
public record CustomerEvent(InboundMessage message, CustomerCommand command, HandoffCommand handoff) {

    public static CustomerEvent of(InboundMessage message) {
        return new CustomerEvent(message, null, null);
    }

    public static CustomerEvent of(CustomerCommand command) {
        return new CustomerEvent(null, command, null);
    }

    public static CustomerEvent of(HandoffCommand handoff) {
        return new CustomerEvent(null, null, handoff);
    }
}
