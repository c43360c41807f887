package dev.servicebot.topics.model;

import dev.servicebot.topics.Rules;
import dev.servicebot.topics.Validated;
import java.util.ArrayList;
import java.util.List;

/**
 * How many requests needing {@code action} were denied to customers of {@code serviceLevel} in the
 * hour starting at {@code windowStart}: the upsell signal. Each update replaces the last for its key.
 */
public record DeniedRequestCount(String windowStart, String windowEnd, String serviceLevel, String action, long count)
        implements Validated {

    public String key() {
        return windowStart + "|" + serviceLevel + "|" + action;
    }

    @Override
    public List<String> violations() {
        List<String> problems = new ArrayList<>();
        Rules.windowCount(problems, windowStart, windowEnd, count);
        Rules.name(problems, "serviceLevel", serviceLevel);
        Rules.name(problems, "action", action);
        return problems;
    }
}
