package dev.servicebot.processor;

import dev.servicebot.topics.model.Customer;
import dev.servicebot.topics.model.CustomerCommand;
import dev.servicebot.topics.model.Device;
import dev.servicebot.topics.model.ServiceLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Applies an admin command to the customer it names, or rejects it with a reason: a tier that
 * does not exist, a device count over the tier's {@code max_devices}, a device that is not there.
 */
public final class CustomerCommandHandler {

    /**
     * @param customer  the customer after the command; null when deleted
     * @param rejection why the command was refused, or null when it was applied
     */
    public record Result(Customer customer, String rejection) {
        static Result applied(Customer customer) {
            return new Result(customer, null);
        }

        static Result rejected(String why) {
            return new Result(null, why);
        }

        public boolean rejected() {
            return rejection != null;
        }
    }

    /** @param tiers looks a service level up by name; null when it does not exist */
    public Result apply(Customer current, CustomerCommand command, Function<String, ServiceLevel> tiers) {
        String id = command.customerId();
        switch (command.kind()) {
            case UPSERT:
                return admitted(command.customer(), tiers);
            case DELETE:
                return Result.applied(null);
            default:
                break;
        }
        if (current == null) {
            return Result.rejected("customer " + id + " does not exist");
        }
        switch (command.kind()) {
            case CHANGE_TIER:
                return admitted(current.withServiceLevel(command.serviceLevel()), tiers);
            case ADD_DEVICE:
                if (current.device(command.device().id()).isPresent()) {
                    return Result.rejected("customer " + id + " already has device " + command.device().id());
                }
                List<Device> more = new ArrayList<>(current.devices());
                more.add(command.device());
                return admitted(current.withDevices(more), tiers);
            case REMOVE_DEVICE:
                if (current.device(command.deviceId()).isEmpty()) {
                    return Result.rejected("customer " + id + " has no device " + command.deviceId());
                }
                return Result.applied(current.withDevices(current.devices().stream()
                        .filter(d -> !d.id().equals(command.deviceId())).toList()));
            default:
                throw new IllegalArgumentException("unknown command kind " + command.kind());
        }
    }

    /** The customer, if their tier exists and admits their devices. */
    private static Result admitted(Customer customer, Function<String, ServiceLevel> tiers) {
        ServiceLevel tier = tiers.apply(customer.serviceLevel());
        if (tier == null) {
            return Result.rejected("service level '" + customer.serviceLevel() + "' does not exist");
        }
        List<String> problems = tier.violationsFor(customer);
        return problems.isEmpty() ? Result.applied(customer) : Result.rejected(String.join("; ", problems));
    }
}
