package dev.servicebot.processor;

import dev.servicebot.processor.understanding.Understanding;
import dev.servicebot.topics.model.Customer;
import dev.servicebot.topics.model.Device;
import dev.servicebot.topics.model.DeviceCommand;
import dev.servicebot.topics.model.CatalogueEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Carries out an allowed request (the agentic part), as its catalogue entry's effect says: a
 * relocation changes the customer record, commands go to the devices, answers come from the
 * record. Pure: the caller applies the result.
 */
public final class DeviceActions {

    public enum Kind { DONE, ANSWERED, ALREADY_THERE, NEEDS_DESTINATION, NOT_AUDIO, NEEDS_MORE_SPEAKERS }

    /** What was done. {@code updatedCustomer} is null when the customer did not change. */
    public record Result(Kind kind, Customer updatedCustomer, List<DeviceCommand> commands) {
        static Result of(Kind kind) {
            return new Result(kind, null, List.of());
        }
    }

    public Result carryOut(Customer customer, Understanding understanding, List<Device> devices, String messageId, String at) {
        CatalogueEntry entry = understanding.type().entry();
        if (entry.effect() == CatalogueEntry.Effect.answer) {
            return Result.of(Kind.ANSWERED);
        }
        if (entry.effect() == CatalogueEntry.Effect.relocate) {
            return relocate(customer, devices.get(0), understanding.parameter(Understanding.TO));
        }
        if (entry.target() == CatalogueEntry.Target.group && devices.size() < 2) {
            return Result.of(Kind.NEEDS_MORE_SPEAKERS);
        }
        if (entry.audio() && !devices.stream().allMatch(DeviceResolver::playsAudio)) {
            return Result.of(Kind.NOT_AUDIO);
        }
        Map<String, String> parameters = new LinkedHashMap<>(understanding.parameters());
        if (entry.target() == CatalogueEntry.Target.group) {
            parameters.put("group", String.join(",", devices.stream().map(Device::id).toList()));
        }
        List<DeviceCommand> commands = new ArrayList<>();
        List<Device> targets = entry.effect() == CatalogueEntry.Effect.routine ? devices.subList(0, 1) : devices;
        for (int i = 0; i < targets.size(); i++) {
            commands.add(new DeviceCommand(messageId + "-cmd-" + i, targets.get(i).id(), customer.id(),
                    entry.action(), parameters, messageId, at));
        }
        return new Result(Kind.DONE, null, commands);
    }

    private static Result relocate(Customer customer, Device device, String destination) {
        if (destination == null) {
            return Result.of(Kind.NEEDS_DESTINATION);
        }
        if (destination.equalsIgnoreCase(device.location())) {
            return Result.of(Kind.ALREADY_THERE);
        }
        return new Result(Kind.DONE, customer.withDevice(device.withLocation(destination)), List.of());
    }
}
