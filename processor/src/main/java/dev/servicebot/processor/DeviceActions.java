package dev.servicebot.processor;

import dev.servicebot.processor.understanding.Understanding;
import dev.servicebot.topics.model.Customer;
import dev.servicebot.topics.model.Device;
import dev.servicebot.topics.model.DeviceCommand;
import dev.servicebot.topics.model.RequestType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Carries out an allowed request (the agentic part): a relocation changes the customer record;
 * volume, music, multi-room and routines become device commands; status and information are
 * answered from the record. Pure: the caller applies the result.
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
        RequestType type = understanding.type();
        switch (type) {
            case DEVICE_STATUS, DEVICE_INFO:
                return Result.of(Kind.ANSWERED);
            case DEVICE_RELOCATION:
                return relocate(customer, devices.get(0), understanding.parameter(Understanding.TO));
            case MULTI_ROOM_SETUP:
                if (devices.size() < 2) {
                    return Result.of(Kind.NEEDS_MORE_SPEAKERS);
                }
                break;
            case VOLUME_CHANGE, PLAY_MUSIC:
                if (!devices.stream().allMatch(DeviceResolver::playsAudio)) {
                    return Result.of(Kind.NOT_AUDIO);
                }
                break;
            default:
                break;
        }
        Map<String, String> parameters = new LinkedHashMap<>(understanding.parameters());
        if (type == RequestType.MULTI_ROOM_SETUP) {
            parameters.put("group", String.join(",", devices.stream().map(Device::id).toList()));
        }
        List<DeviceCommand> commands = new ArrayList<>();
        List<Device> targets = type == RequestType.CUSTOM_ROUTINE ? devices.subList(0, 1) : devices;
        for (int i = 0; i < targets.size(); i++) {
            commands.add(new DeviceCommand(messageId + "-cmd-" + i, targets.get(i).id(), customer.id(),
                    type.requiredActions().get(0), parameters, messageId, at));
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
