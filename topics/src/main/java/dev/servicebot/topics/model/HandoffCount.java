package dev.servicebot.topics.model;

import dev.servicebot.topics.Rules;
import dev.servicebot.topics.Validated;
import java.util.ArrayList;
import java.util.List;

/**
 * How many conversations of customers of {@code serviceLevel} went to a person for {@code reason}
 * in the hour starting at {@code windowStart}. Each update replaces the last for its key.
 */
public record HandoffCount(String windowStart, String windowEnd, String serviceLevel, String reason, long count)
        implements Validated {

    public String key() {
        return windowStart + "|" + serviceLevel + "|" + reason;
    }

    @Override
    public List<String> violations() {
        List<String> problems = new ArrayList<>();
        Rules.windowCount(problems, windowStart, windowEnd, count);
        Rules.name(problems, "serviceLevel", serviceLevel);
        Rules.name(problems, "reason", reason);
        return problems;
    }
}
