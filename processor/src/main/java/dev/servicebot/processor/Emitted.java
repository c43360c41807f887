package dev.servicebot.processor;

import dev.servicebot.topics.CloudEvents;
import dev.servicebot.topics.Topic;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * One output record on its way to its topic, already encoded with that topic's serde, so that
 * one processor can write history, replies, customers, device commands and dead letters while
 * every value is still written by the contract's own serde. It carries the event's id and time
 * for its CloudEvents headers.
 */
public record Emitted(Topic<?, ?> topic, byte[] value, String eventId, Instant time) {
    static final String COMPONENT = "processor";

    /** Writes the encoded value as is; the topic comes from {@link #topicName()}. */
    public static final Serde<Emitted> SERDE = Serdes.serdeFrom(
            (topic, emitted) -> emitted == null ? null : emitted.value(),
            (topic, bytes) -> {
                throw new UnsupportedOperationException("Emitted records are only written");
            });

    public static <V> Emitted of(Topic<String, V> topic, V value, String eventId, String isoTime) {
        return new Emitted(topic, topic.valueSerde().serializer().serialize(topic.name(), value), eventId, CloudEvents.timeOf(isoTime));
    }

    /** A deletion on a compacted topic. */
    public static Emitted tombstone(Topic<String, ?> topic, String eventId, String isoTime) {
        return new Emitted(topic, null, eventId, CloudEvents.timeOf(isoTime));
    }

    public String topicName() {
        return topic.name();
    }

    /** This event's CloudEvents headers on top of {@code headers} (copied from the input, e.g. a replay marker). */
    public Headers withEventHeaders(Headers headers) {
        return CloudEvents.replace(headers, topic, COMPONENT, eventId, time);
    }
}
