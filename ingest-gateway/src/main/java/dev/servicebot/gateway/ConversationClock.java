package dev.servicebot.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.servicebot.topics.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Message timestamps are the history's sort key: unique and increasing within a conversation.
 * Each message gets a whole millisecond, at least one after the conversation's previous message
 * (the bot's reply takes the microsecond after its message).
 */
public final class ConversationClock {
    private final Clock clock;
    private final Cache<String, Long> lastMillis = Caffeine.newBuilder().expireAfterAccess(Duration.ofHours(24)).maximumSize(500_000).build();

    public ConversationClock(Clock clock) {
        this.clock = clock;
    }

    public String next(String conversationId) {
        long now = clock.millis();
        long stamped = lastMillis.asMap().merge(conversationId, now, (last, candidate) -> Math.max(candidate, last + 1));
        return Timestamps.format(Instant.ofEpochMilli(stamped));
    }
}
