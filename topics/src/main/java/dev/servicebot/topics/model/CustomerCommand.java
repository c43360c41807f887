package dev.servicebot.topics.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.servicebot.topics.Rules;
import dev.servicebot.topics.Validated;
import java.util.ArrayList;
import java.util.List;

/**
 * A change to one customer, asked for by an admin tool. The processor task that owns the customer
 * applies these in order, so it stays the only writer of the customers topic.
 */
public record CustomerCommand(
        String commandId,
        String customerId,
        Kind kind,
        Customer customer,
        @JsonProperty("service_level") String serviceLevel,
        Device device,
        String deviceId,
        String issuedAt) implements Validated {

    public enum Kind {
        @JsonProperty("upsert") UPSERT,
        @JsonProperty("delete") DELETE,
        @JsonProperty("change_tier") CHANGE_TIER,
        @JsonProperty("add_device") ADD_DEVICE,
        @JsonProperty("remove_device") REMOVE_DEVICE
    }

    public static CustomerCommand upsert(String commandId, Customer customer, String issuedAt) {
        return new CustomerCommand(commandId, customer.id(), Kind.UPSERT, customer, null, null, null, issuedAt);
    }

    public static CustomerCommand delete(String commandId, String customerId, String issuedAt) {
        return new CustomerCommand(commandId, customerId, Kind.DELETE, null, null, null, null, issuedAt);
    }

    public static CustomerCommand changeTier(String commandId, String customerId, String level, String issuedAt) {
        return new CustomerCommand(commandId, customerId, Kind.CHANGE_TIER, null, level, null, null, issuedAt);
    }

    public static CustomerCommand addDevice(String commandId, String customerId, Device device, String issuedAt) {
        return new CustomerCommand(commandId, customerId, Kind.ADD_DEVICE, null, null, device, null, issuedAt);
    }

    public static CustomerCommand removeDevice(String commandId, String customerId, String deviceId, String issuedAt) {
        return new CustomerCommand(commandId, customerId, Kind.REMOVE_DEVICE, null, null, null, deviceId, issuedAt);
    }

    @Override
    public List<String> violations() {
        List<String> problems = new ArrayList<>();
        Rules.id(problems, "commandId", commandId);
        Rules.id(problems, "customerId", customerId);
        Rules.timestamp(problems, "issuedAt", issuedAt);
        if (kind == null) {
            problems.add("kind is required (upsert, delete, change_tier, add_device, remove_device)");
            return problems;
        }
        switch (kind) {
            case UPSERT -> {
                Rules.nested(problems, "customer", customer);
                if (customer != null && customerId != null && !customerId.equals(customer.id())) {
                    problems.add("customer.id '" + customer.id() + "' differs from customerId '" + customerId + "'");
                }
            }
            case CHANGE_TIER -> Rules.name(problems, "service_level", serviceLevel);
            case ADD_DEVICE -> Rules.nested(problems, "device", device);
            case REMOVE_DEVICE -> Rules.id(problems, "deviceId", deviceId);
            case DELETE -> { }
        }
        return problems;
    }
}
