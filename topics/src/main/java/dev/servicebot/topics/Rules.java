package dev.servicebot.topics;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The seed's "Data Validation" rules as small checks that append a readable problem to a list.
 * Records call these from {@link Validated#violations()}, so each rule is written once.
 */
public final class Rules {
    /** Ids are what DynamoDB keys and Kafka keys are made of: short, printable, no spaces. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}");
    /** Service levels, actions and similar names are lower-case words joined by '_' or '-'. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,63}");

    private Rules() {
    }

    public static void id(List<String> problems, String field, String value) {
        if (value == null || value.isBlank()) {
            problems.add(field + " is required");
        } else if (!ID.matcher(value).matches()) {
            problems.add(field + " '" + value + "' is not a valid id (letters, digits, _ . : -, at most 128)");
        }
    }

    public static void name(List<String> problems, String field, String value) {
        if (value == null || value.isBlank()) {
            problems.add(field + " is required");
        } else if (!NAME.matcher(value).matches()) {
            problems.add(field + " '" + value + "' is not a valid name (lower-case letters, digits, _ or -)");
        }
    }

    public static void text(List<String> problems, String field, String value) {
        if (value == null || value.isBlank()) {
            problems.add(field + " must not be empty");
        }
    }

    public static void required(List<String> problems, String field, Object value) {
        if (value == null) {
            problems.add(field + " is required");
        }
    }

    /** ISO-8601 instant in UTC, e.g. 2023-03-01T14:30:45.123Z. */
    public static void timestamp(List<String> problems, String field, String value) {
        if (value == null || value.isBlank()) {
            problems.add(field + " is required");
            return;
        }
        try {
            Instant.parse(value);
        } catch (DateTimeParseException e) {
            problems.add(field + " '" + value + "' is not an ISO-8601 UTC timestamp like 2023-03-01T14:30:45.123Z");
        }
    }

    /** An analytics window: two instants, start before end, and a count that is not negative. */
    public static void windowCount(List<String> problems, String windowStart, String windowEnd, long count) {
        timestamp(problems, "windowStart", windowStart);
        timestamp(problems, "windowEnd", windowEnd);
        if (problems.isEmpty() && !Instant.parse(windowStart).isBefore(Instant.parse(windowEnd))) {
            problems.add("windowStart must be before windowEnd");
        }
        if (count < 0) {
            problems.add("count must not be negative");
        }
    }

    public static void noBlanks(List<String> problems, String field, Collection<String> values) {
        if (values != null && values.stream().anyMatch(v -> v == null || v.isBlank())) {
            problems.add(field + " must not contain empty entries");
        }
    }

    /**
     * An unmodifiable copy that keeps nulls, so that validation can name them
     * ("devices[1] is required") instead of failing with a NullPointerException.
     */
    public static <T> List<T> copy(List<T> values) {
        return values == null ? null : java.util.Collections.unmodifiableList(new ArrayList<>(values));
    }

    /** Prefixes nested problems ("devices[0].id is required"). */
    public static void nested(List<String> problems, String prefix, Validated child) {
        if (child == null) {
            problems.add(prefix + " is required");
            return;
        }
        child.violations().forEach(p -> problems.add(prefix + "." + p));
    }
}
