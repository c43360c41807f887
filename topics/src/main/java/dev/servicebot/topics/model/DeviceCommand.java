package dev.servicebot.topics.model;

import dev.servicebot.topics.Rules;
import dev.servicebot.topics.Validated;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An action the bot carried out for a device (e.g. {@code volume_control} with {@code level=7}),
 * for the device fleet to apply and for analytics. Keyed by device id.
 */
public record DeviceCommand(
        String commandId,
        String deviceId,
        String customerId,
        String action,
        Map<String, String> parameters,
        String inReplyTo,
        String timestamp) implements Validated {

    public DeviceCommand {
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
    }

    @Override
    public List<String> violations() {
        List<String> problems = new ArrayList<>();
        Rules.id(problems, "commandId", commandId);
        Rules.id(problems, "deviceId", deviceId);
        Rules.id(problems, "customerId", customerId);
        Rules.name(problems, "action", action);
        Rules.id(problems, "inReplyTo", inReplyTo);
        Rules.timestamp(problems, "timestamp", timestamp);
        return problems;
    }
}
