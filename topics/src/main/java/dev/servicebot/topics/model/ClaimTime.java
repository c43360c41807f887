package dev.servicebot.topics.model;

import dev.servicebot.topics.Rules;
import dev.servicebot.topics.Validated;
import java.util.ArrayList;
import java.util.List;

/**
 * How long handoffs of {@code priority} claimed in the hour starting at {@code windowStart} waited
 * for an agent: how many, their total and longest wait in seconds, and how many waited longer than
 * the priority's target. Each update replaces the last for its key.
 */
public record ClaimTime(String windowStart, String windowEnd, String priority, long count, double totalSeconds,
                        double maxSeconds, long overTarget) implements Validated {

    public String key() {
        return windowStart + "|" + priority;
    }

    /** The mean wait in seconds, 0 when nothing was claimed. */
    public double meanSeconds() {
        return count == 0 ? 0 : totalSeconds / count;
    }

    @Override
    public List<String> violations() {
        List<String> problems = new ArrayList<>();
        Rules.windowCount(problems, windowStart, windowEnd, count);
        Rules.name(problems, "priority", priority);
        if (totalSeconds < 0 || maxSeconds < 0 || overTarget < 0) {
            problems.add("times and counts must not be negative");
        }
        return problems;
    }
}
