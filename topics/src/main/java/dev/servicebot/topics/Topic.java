package dev.servicebot.topics;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;

/**
 * One topic of the contract: its name, how keys and values are encoded, and how the broker keeps it.
 * Services, the CLI, the docs and the tests all read topics from {@link Topics}, never from strings.
 *
 * @param retention how long records are kept; {@code null} means forever
 * @param schema    the JSON Schema file of the value under {@code topics/schemas/}, or null for raw bytes
 * @param headers   headers besides the CloudEvents ones every event carries: name and meaning
 */
public record Topic<K, V>(
        String name,
        Serde<K> keySerde,
        Serde<V> valueSerde,
        String keyDescription,
        Class<?> valueType,
        int partitions,
        Cleanup cleanup,
        Duration retention,
        String schema,
        String purpose,
        String writtenBy,
        String readBy,
        Map<String, String> headers) {

    public Topic {
        headers = headers == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(headers)); // sorted: stable docs
    }

    public enum Cleanup {
        DELETE("delete"), COMPACT("compact");

        private final String policy;

        Cleanup(String policy) {
            this.policy = policy;
        }

        public String policy() {
            return policy;
        }
    }

    /** The CloudEvents {@code ce_type} of this topic's events, e.g. {@code dev.servicebot.chat.inbound.v1}. */
    public String eventType() {
        return "dev." + name;
    }

    /** The media type of the value bytes. */
    public String contentType() {
        return schema == null ? "application/octet-stream" : "application/json";
    }

    /** The topic-level configs this contract sets; anything else is left to the broker's defaults. */
    public Map<String, String> configs() {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, cleanup.policy());
        if (cleanup == Cleanup.DELETE) {
            configs.put(TopicConfig.RETENTION_MS_CONFIG, retention == null ? "-1" : Long.toString(retention.toMillis()));
        }
        return configs;
    }
}
