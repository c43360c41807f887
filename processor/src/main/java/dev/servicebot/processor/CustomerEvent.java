package dev.servicebot.processor;

import dev.servicebot.topics.model.CustomerCommand;
import dev.servicebot.topics.model.InboundMessage;

/** What reaches the task that owns a customer: a chat message or an admin command, in arrival order. */
public record CustomerEvent(InboundMessage message, CustomerCommand command) {

    public static CustomerEvent of(InboundMessage message) {
        return new CustomerEvent(message, null);
    }

    public static CustomerEvent of(CustomerCommand command) {
        return new CustomerEvent(null, command);
    }
}
