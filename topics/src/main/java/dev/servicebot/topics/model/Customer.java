package dev.servicebot.topics.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.servicebot.topics.Rules;
import dev.servicebot.topics.Validated;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A customer and their devices, exactly the Customers table item of the data model.
 * The device limit of the customer's tier is checked by {@link ServiceLevel#violationsFor(Customer)},
 * since it needs the service-level data.
 */
public record Customer(
        String id,
        String name,
        @JsonProperty("service_level") String serviceLevel,
        List<Device> devices) implements Validated {

    public Customer {
        devices = devices == null ? List.of() : Rules.copy(devices);
    }

    public Optional<Device> device(String deviceId) {
        return devices.stream().filter(d -> d.id().equals(deviceId)).findFirst();
    }

    public Customer withServiceLevel(String level) {
        return new Customer(id, name, level, devices);
    }

    public Customer withDevices(List<Device> newDevices) {
        return new Customer(id, name, serviceLevel, newDevices);
    }

    /** This customer with one device replaced (matched by id). */
    public Customer withDevice(Device changed) {
        return withDevices(devices.stream().map(d -> d.id().equals(changed.id()) ? changed : d).toList());
    }

    @Override
    public List<String> violations() {
        List<String> problems = new ArrayList<>();
        Rules.id(problems, "id", id);
        if (id != null && (id.equals(HistoryMessage.BOT) || id.startsWith(HistoryMessage.AGENT_PREFIX))) {
            // History's userId is a customer id, "bot" or "agent:<id>": a customer must not look like the other two.
            problems.add("id '" + id + "' is reserved: customer ids cannot be '" + HistoryMessage.BOT + "' or start with '"
                    + HistoryMessage.AGENT_PREFIX + "'");
        }
        Rules.text(problems, "name", name);
        Rules.name(problems, "service_level", serviceLevel);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < devices.size(); i++) {
            Device device = devices.get(i);
            Rules.nested(problems, "devices[" + i + "]", device);
            if (device != null && device.id() != null && !seen.add(device.id())) {
                problems.add("devices[" + i + "].id '" + device.id() + "' appears twice");
            }
        }
        return problems;
    }
}
