package dev.servicebot.topics.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.servicebot.topics.Rules;
import dev.servicebot.topics.Validated;
import java.util.ArrayList;
import java.util.List;

/** A service tier: what it allows and how many devices it admits (the Service Levels table item). */
public record ServiceLevel(
        String level,
        @JsonProperty("allowed_actions") List<String> allowedActions,
        @JsonProperty("max_devices") Integer maxDevices,
        @JsonProperty("support_priority") String supportPriority) implements Validated {

    public ServiceLevel {
        allowedActions = Rules.copy(allowedActions);
    }

    public boolean allows(String action) {
        return allowedActions.contains(action);
    }

    /** Why this tier cannot hold the customer as they are (too many devices), or nothing. */
    public List<String> violationsFor(Customer customer) {
        if (customer.devices().size() > maxDevices) {
            return List.of("customer " + customer.id() + " has " + customer.devices().size()
                    + " devices but the " + level + " tier allows at most " + maxDevices);
        }
        return List.of();
    }

    @Override
    public List<String> violations() {
        List<String> problems = new ArrayList<>();
        Rules.name(problems, "level", level);
        Rules.required(problems, "allowed_actions", allowedActions);
        Rules.noBlanks(problems, "allowed_actions", allowedActions);
        if (maxDevices == null) {
            problems.add("max_devices is required");
        } else if (maxDevices < 0) {
            problems.add("max_devices must not be negative");
        }
        Rules.text(problems, "support_priority", supportPriority);
        return problems;
    }
}
