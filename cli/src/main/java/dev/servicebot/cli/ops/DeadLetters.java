package dev.servicebot.cli.ops;

import dev.servicebot.topics.KafkaAccess;
import dev.servicebot.topics.CloudEvents;
import dev.servicebot.topics.DeadLetter;
import dev.servicebot.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The dead-letter topic as ops see it: what was set aside, from where, and why; and redrive, which
 * sends a record back to its source topic, untouched and with its original headers, once the cause
 * is fixed. {@code --all} remembers how far it got in the consumer group {@link #REDRIVE_GROUP},
 * so running it twice does not send anything twice.
 */
public final class DeadLetters {
    public static final String REDRIVE_GROUP = "servicebot-dlq-redrive";
    private final String bootstrapServers;

    public DeadLetters(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** One record of the DLQ with what its headers say. */
    public record Entry(int partition, long offset, byte[] key, byte[] value, Headers headers) {
        public String sourceTopic() {
            return DeadLetter.header(headers, DeadLetter.SOURCE_TOPIC);
        }

        public String source() {
            return sourceTopic() + "/" + DeadLetter.header(headers, DeadLetter.SOURCE_PARTITION) + "/"
                    + DeadLetter.header(headers, DeadLetter.SOURCE_OFFSET);
        }

        public String stage() {
            return DeadLetter.header(headers, DeadLetter.STAGE);
        }

        public String error() {
            String type = DeadLetter.header(headers, DeadLetter.ERROR_CLASS);
            return (type == null ? "?" : type.substring(type.lastIndexOf('.') + 1)) + ": " + DeadLetter.header(headers, DeadLetter.ERROR_MESSAGE);
        }

        public String time() {
            return DeadLetter.header(headers, DeadLetter.TIME);
        }

        public String keyText() {
            return key == null ? null : new String(key, StandardCharsets.UTF_8);
        }

        public String valueText() {
            return value == null ? null : new String(value, StandardCharsets.UTF_8);
        }

        /** Where a redrive of this entry is recorded in the redriven record's header. */
        public String address() {
            return Topics.DLQ.name() + "/" + partition + "/" + offset;
        }
    }

    public List<Entry> list() {
        return read(TopicRange.whole(bootstrapServers, Topics.DLQ.name()));
    }

    public Optional<Entry> find(int partition, long offset) {
        TopicRange whole = TopicRange.whole(bootstrapServers, Topics.DLQ.name());
        if (!whole.start().containsKey(partition) || offset < whole.start().get(partition) || offset >= whole.end().get(partition)) {
            return Optional.empty();
        }
        return read(new TopicRange(Topics.DLQ.name(), Map.of(partition, offset), Map.of(partition, offset + 1))).stream().findFirst();
    }

    /** The entries {@code redrive --all} has not sent yet. */
    public List<Entry> notYetRedriven() {
        TopicRange whole = TopicRange.whole(bootstrapServers, Topics.DLQ.name());
        Map<Integer, Long> start = new HashMap<>(whole.start());
        try (KafkaConsumer<byte[], byte[]> group = groupConsumer()) {
            group.committed(Set.copyOf(partitions(whole))).forEach((tp, committed) -> {
                if (committed != null) {
                    start.put(tp.partition(), Math.max(committed.offset(), start.get(tp.partition())));
                }
            });
        }
        return read(new TopicRange(Topics.DLQ.name(), start, whole.end()));
    }

    /** Sends each entry back to its source topic; returns how many were sent. */
    public int redrive(List<Entry> entries, Producer<String, byte[]> producer) {
        for (Entry entry : entries) {
            if (entry.sourceTopic() == null || Topics.byName(entry.sourceTopic()).isEmpty()) {
                throw new IllegalArgumentException("DLQ record " + entry.address() + " names no known source topic (" + entry.sourceTopic() + ")");
            }
        }
        try {
            for (Entry entry : entries) {
                producer.send(new ProducerRecord<>(entry.sourceTopic(), null, entry.keyText(), entry.value(), headersFor(entry))).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during redrive", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka did not take a redriven record: " + e.getCause().getMessage(), e.getCause());
        }
        return entries.size();
    }

    /** Records that {@code redrive --all} has sent everything up to the end of these entries. */
    public void remember(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> upTo = new HashMap<>();
        entries.forEach(e -> upTo.merge(new TopicPartition(Topics.DLQ.name(), e.partition()), new OffsetAndMetadata(e.offset() + 1),
                (a, b) -> a.offset() >= b.offset() ? a : b));
        try (KafkaConsumer<byte[], byte[]> group = groupConsumer()) {
            group.commitSync(upTo);
        }
    }

    private static Headers headersFor(Entry entry) {
        Headers headers = DeadLetter.originalHeaders(entry.headers());
        headers.add(Topics.REDRIVEN_HEADER, entry.address().getBytes(StandardCharsets.UTF_8));
        if (headers.lastHeader(CloudEvents.ID) == null) {
            // Written by something that did not follow the contract: it becomes a proper event on the way back.
            CloudEvents.replace(headers, Topics.byName(entry.sourceTopic()).orElseThrow(), "cli", "redrive-" + entry.address(), Instant.now());
        }
        return headers;
    }

    private List<Entry> read(TopicRange range) {
        List<Entry> entries = new ArrayList<>();
        range.read(bootstrapServers, (ConsumerRecord<byte[], byte[]> r) ->
                entries.add(new Entry(r.partition(), r.offset(), r.key(), r.value(), r.headers())));
        return entries;
    }

    private static List<TopicPartition> partitions(TopicRange range) {
        return range.start().keySet().stream().map(p -> new TopicPartition(range.topic(), p)).toList();
    }

    private KafkaConsumer<byte[], byte[]> groupConsumer() {
        return new KafkaConsumer<>(KafkaAccess.clientConfig(bootstrapServers, Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, REDRIVE_GROUP,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000)), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
