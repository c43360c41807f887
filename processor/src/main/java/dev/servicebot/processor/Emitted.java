package dev.servicebot.processor;

import dev.servicebot.topics.Topic;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * One output record on its way to its topic, already encoded with that topic's serde, so that
 * one processor can write history, replies, customers, device commands and dead letters while
 * every value is still written by the contract's own serde.
 */
public record Emitted(String topic, byte[] value) {

    /** Writes the encoded value as is; the topic comes from {@link #topic()}. */
    public static final Serde<Emitted> SERDE = Serdes.serdeFrom(
            (topic, emitted) -> emitted == null ? null : emitted.value(),
            (topic, bytes) -> {
                throw new UnsupportedOperationException("Emitted records are only written");
            });

    public static <V> Emitted of(Topic<String, V> topic, V value) {
        return new Emitted(topic.name(), topic.valueSerde().serializer().serialize(topic.name(), value));
    }

    /** A deletion on a compacted topic. */
    public static Emitted tombstone(Topic<String, ?> topic) {
        return new Emitted(topic.name(), null);
    }
}
