package dev.servicebot.processor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The support priorities a tier's {@code support_priority} may name, most urgent first, each with
 * how soon a person should answer. Configuration, never code: {@code SERVICEBOT_SUPPORT_PRIORITIES},
 * e.g. {@code dedicated=1m,priority=5m,standard=30m} (the default). A priority the configuration
 * does not list queues after all of them, with the longest target.
 */
public record SupportPriorities(List<Priority> priorities) {
    public static final String ENVIRONMENT = "SERVICEBOT_SUPPORT_PRIORITIES";
    public static final String DEFAULT_SPEC = "dedicated=1m,priority=5m,standard=30m";
    private static final Pattern ENTRY = Pattern.compile("([a-z][a-z0-9_-]{0,63})=(\\d{1,6})([smh])");  // before DEFAULT: static fields initialise in order
    public static final SupportPriorities DEFAULT = parse(DEFAULT_SPEC);

    /** One priority: its name (as in the service levels' data) and its response target. */
    public record Priority(String name, Duration target) {
    }

    public SupportPriorities {
        priorities = List.copyOf(priorities);
        if (priorities.isEmpty()) {
            throw new IllegalArgumentException("at least one support priority is needed");
        }
    }

    /** {@code name=<number><s|m|h>}, comma separated, most urgent first. */
    public static SupportPriorities parse(String spec) {
        List<Priority> parsed = new ArrayList<>();
        for (String part : spec.split(",")) {
            Matcher m = ENTRY.matcher(part.strip().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new IllegalArgumentException(ENVIRONMENT + ": '" + part.strip() + "' is not name=<number><s|m|h>, e.g. dedicated=1m");
            }
            long amount = Long.parseLong(m.group(2));
            Duration target = switch (m.group(3)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
            if (target.isZero()) {
                throw new IllegalArgumentException(ENVIRONMENT + ": the target of " + m.group(1) + " must be more than 0");
            }
            if (parsed.stream().anyMatch(p -> p.name().equals(m.group(1)))) {
                throw new IllegalArgumentException(ENVIRONMENT + ": " + m.group(1) + " is listed twice");
            }
            parsed.add(new Priority(m.group(1), target));
        }
        return new SupportPriorities(parsed);
    }

    /** The queue position: 0 is served first; an unlisted (or missing) priority comes after every listed one. */
    public int rank(String priority) {
        for (int i = 0; i < priorities.size(); i++) {
            if (priorities.get(i).name().equals(priority)) {
                return i;
            }
        }
        return priorities.size();
    }

    public Duration target(String priority) {
        int rank = rank(priority);
        return rank < priorities.size() ? priorities.get(rank).target()
                : priorities.stream().map(Priority::target).max(Duration::compareTo).orElseThrow();
    }

    /** The target in the customer's words: "a minute", "5 minutes", "2 hours". */
    public String inWords(String priority) {
        long seconds = target(priority).toSeconds();
        if (seconds < 60) {
            return seconds == 1 ? "a second" : seconds + " seconds";
        }
        long minutes = Math.round(seconds / 60.0);
        if (minutes < 120 && seconds % 3600 != 0) {
            return minutes == 1 ? "a minute" : minutes + " minutes";
        }
        long hours = Math.round(seconds / 3600.0);
        return hours == 1 ? "an hour" : hours + " hours";
    }
}
