package dev.servicebot.topics;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Every event on a contract topic carries the CloudEvents Kafka binding headers (binary mode), so
 * consumers can dedupe on {@code ce_id} and route on {@code ce_type} without parsing the body.
 * {@code ce_source} names the writing component and the topic, which makes source + id unique even
 * where one id appears on two topics (a bot message in history and the same reply to deliver).
 */
public final class CloudEvents {
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String CONTENT_TYPE = "content-type";
    public static final String VERSION = "1.0";
    public static final List<String> ALL = List.of(SPEC_VERSION, ID, SOURCE, TYPE, TIME, CONTENT_TYPE);

    private CloudEvents() {
    }

    /** The headers of one event that {@code component} writes to {@code topic}. */
    public static Headers headers(Topic<?, ?> topic, String component, String id, Instant time) {
        return replace(new RecordHeaders(), topic, component, id, time);
    }

    /** Sets this event's CloudEvents headers, dropping any copied from the record it was derived from. */
    public static Headers replace(Headers headers, Topic<?, ?> topic, String component, String id, Instant time) {
        ALL.forEach(headers::remove);
        put(headers, SPEC_VERSION, VERSION);
        put(headers, ID, id);
        put(headers, SOURCE, source(component, topic));
        put(headers, TYPE, topic.eventType());
        put(headers, TIME, DateTimeFormatter.ISO_INSTANT.format(time));
        put(headers, CONTENT_TYPE, topic.contentType());
        return headers;
    }

    /** An event ready to send: the value encoded by the topic's serde ({@code null} is a tombstone). */
    public static <V> ProducerRecord<String, byte[]> record(Topic<String, V> topic, String component, String id, Instant time,
                                                            String key, V value) {
        byte[] bytes = value == null ? null : topic.valueSerde().serializer().serialize(topic.name(), value);
        return new ProducerRecord<>(topic.name(), null, key, bytes, headers(topic, component, id, time));
    }

    public static String source(String component, Topic<?, ?> topic) {
        return "/servicebot/" + component + "/" + topic.name();
    }

    /** A time from the contract's ISO-8601 fields, or now when it is missing or unreadable. */
    public static Instant timeOf(String isoTimestamp) {
        try {
            return isoTimestamp == null ? Instant.now() : Instant.parse(isoTimestamp);
        } catch (RuntimeException e) {
            return Instant.now();
        }
    }

    private static void put(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
