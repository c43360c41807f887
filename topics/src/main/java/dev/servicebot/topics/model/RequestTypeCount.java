package dev.servicebot.topics.model;

import dev.servicebot.topics.Rules;
import dev.servicebot.topics.Validated;
import java.util.ArrayList;
import java.util.List;

/**
 * How many customer messages of {@code requestType} arrived in the hour starting at
 * {@code windowStart}; {@link #UNRECOGNIZED} counts those the bot could not classify.
 */
public record RequestTypeCount(String windowStart, String windowEnd, String requestType, long count) implements Validated {
    public static final String UNRECOGNIZED = "unrecognized";

    public String key() {
        return windowStart + "|" + requestType;
    }

    @Override
    public List<String> violations() {
        List<String> problems = new ArrayList<>();
        Rules.windowCount(problems, windowStart, windowEnd, count);
        Rules.name(problems, "requestType", requestType);
        return problems;
    }
}
