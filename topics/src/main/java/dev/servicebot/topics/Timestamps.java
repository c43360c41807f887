package dev.servicebot.topics;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * History timestamps are the Messages table's sort key, compared as strings. They are therefore
 * written with a fixed width (always six fraction digits, UTC), so that string order is time
 * order. The gateway gives each customer message a whole millisecond; the bot's reply takes the
 * next microsecond, so it sorts right after the message and never collides with the next one.
 */
public final class Timestamps {
    private static final DateTimeFormatter FIXED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    /** e.g. {@code 2023-03-01T14:30:45.123000Z}. */
    public static String format(Instant instant) {
        return FIXED.format(instant.truncatedTo(ChronoUnit.MICROS));
    }

    /** Any ISO-8601 instant, rewritten in the fixed-width form. */
    public static String normalize(String isoInstant) {
        return format(Instant.parse(isoInstant));
    }

    /** The sort key of the bot's reply to a message written at {@code messageTimestamp}. */
    public static String replyTo(String messageTimestamp) {
        return format(Instant.parse(messageTimestamp).plus(1, ChronoUnit.MICROS));
    }
}
