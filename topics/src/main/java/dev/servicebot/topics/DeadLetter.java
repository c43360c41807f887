package dev.servicebot.topics;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * How any stage sets a record aside: the original key and value bytes, untouched, on the DLQ topic,
 * with headers that say where it came from and what went wrong, so ops can inspect and redrive it.
 */
public final class DeadLetter {
    public static final String SOURCE_TOPIC = "dlq.source.topic";
    public static final String SOURCE_PARTITION = "dlq.source.partition";
    public static final String SOURCE_OFFSET = "dlq.source.offset";
    public static final String ERROR_CLASS = "dlq.error.class";
    public static final String ERROR_MESSAGE = "dlq.error.message";
    public static final String STAGE = "dlq.stage";
    public static final String TIME = "dlq.time";
    /** The original record's headers are kept under this prefix, so a redrive restores them. */
    public static final String ORIGINAL_PREFIX = "dlq.original.";

    private DeadLetter() {
    }

    /** The DLQ record for one record that {@code stage} could not process. */
    public static ProducerRecord<byte[], byte[]> of(String stage, String topic, int partition, long offset,
                                                    byte[] key, byte[] value, Headers original, Throwable error) {
        return new ProducerRecord<>(Topics.DLQ.name(), null, key, value, headers(stage, topic, partition, offset, original, error));
    }

    public static Headers headers(String stage, String topic, int partition, long offset, Headers original, Throwable error) {
        Headers headers = new RecordHeaders();
        if (original != null) {
            original.forEach(h -> headers.add(ORIGINAL_PREFIX + h.key(), h.value()));
        }
        // The DLQ record is an event of its own; its id names the record it holds, so a second
        // attempt to set the same record aside is recognisable as the same event.
        CloudEvents.replace(headers, Topics.DLQ, stage, topic + "/" + partition + "/" + offset, Instant.now());
        put(headers, SOURCE_TOPIC, topic);
        put(headers, SOURCE_PARTITION, Integer.toString(partition));
        put(headers, SOURCE_OFFSET, Long.toString(offset));
        put(headers, ERROR_CLASS, error.getClass().getName());
        put(headers, ERROR_MESSAGE, String.valueOf(error.getMessage()));
        put(headers, STAGE, stage);
        put(headers, TIME, Instant.now().toString());
        return headers;
    }

    /** The original record's headers, as they were before it was set aside. */
    public static Headers originalHeaders(Headers headers) {
        Headers original = new RecordHeaders();
        for (var header : headers) {
            if (header.key().startsWith(ORIGINAL_PREFIX)) {
                original.add(header.key().substring(ORIGINAL_PREFIX.length()), header.value());
            }
        }
        return original;
    }

    /** A header's value as text, or null when absent. */
    public static String header(Headers headers, String name) {
        var header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void put(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
