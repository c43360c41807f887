package dev.servicebot.processor;

import dev.servicebot.processor.understanding.RoomName;
import dev.servicebot.processor.understanding.Understanding;
import dev.servicebot.topics.model.Customer;
import dev.servicebot.topics.model.Device;
import dev.servicebot.topics.model.DeviceCommand;
import dev.servicebot.topics.model.CatalogueEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Carries out an allowed request (the agentic part), as its catalogue entry's effect says: a
 * relocation changes the customer record, commands go to the devices, answers come from the
 * record. Pure: the caller applies the result.
 */
public final class DeviceActions {

    /**
     * {@code NEEDS_CONFIRMATION}: the destination is a room the customer has never used, asked about
     * before anything is stored; {@code KEPT}: they said no. {@code UNUSABLE_ROOM}: the destination
     * cannot be a room name ({@link RoomName}).
     */
    public enum Kind { DONE, ANSWERED, ALREADY_THERE, NEEDS_DESTINATION, NEEDS_CONFIRMATION, KEPT, UNUSABLE_ROOM, NOT_AUDIO,
        NEEDS_MORE_SPEAKERS }

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
            return relocate(customer, devices.get(0), understanding);
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

    /** The one place a message changes a device's location: only to a room name, and to a new room only after a yes. */
    private static Result relocate(Customer customer, Device device, Understanding understanding) {
        String destination = understanding.parameter(Understanding.TO);
        if (destination == null) {
            return Result.of(understanding.parameter(Understanding.UNUSABLE_TO) != null ? Kind.UNUSABLE_ROOM : Kind.NEEDS_DESTINATION);
        }
        Optional<RoomName> room = RoomName.of(destination);
        if (room.isEmpty()) {
            return Result.of(Kind.UNUSABLE_ROOM);
        }
        String confirmation = understanding.parameter(Understanding.CONFIRM);
        if (Understanding.CONFIRM_NO.equals(confirmation)) {
            return Result.of(Kind.KEPT);
        }
        if (destination.equalsIgnoreCase(device.location())) {
            return Result.of(Kind.ALREADY_THERE);
        }
        boolean known = RoomName.COMMON.contains(destination)
                || customer.devices().stream().anyMatch(d -> destination.equalsIgnoreCase(d.location()));
        if (!known && !Understanding.CONFIRM_YES.equals(confirmation)) {
            return Result.of(Kind.NEEDS_CONFIRMATION);
        }
        return new Result(Kind.DONE, customer.withDevice(device.withLocation(room.get().location())), List.of());
    }
}
