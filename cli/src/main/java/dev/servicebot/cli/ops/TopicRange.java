package dev.servicebot.cli.ops;

import dev.servicebot.topics.KafkaAccess;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A fixed stretch of a topic, per partition [start, end): what the ops tools read. Bounded on
 * purpose, so a tool finishes even while services keep writing. Reads committed records only,
 * without a consumer group (nothing to clean up, no effect on the services' offsets).
 */
public record TopicRange(String topic, Map<Integer, Long> start, Map<Integer, Long> end) {

    /** Everything the topic holds now. */
    public static TopicRange whole(String bootstrapServers, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers)) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            return new TopicRange(topic, byPartition(consumer.beginningOffsets(partitions)), byPartition(consumer.endOffsets(partitions)));
        }
    }

    /** The records Kafka timestamped from {@code from} up to and including {@code to}. */
    public static TopicRange between(String bootstrapServers, String topic, Instant from, Instant to) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers)) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            return new TopicRange(topic, firstAtOrAfter(consumer, partitions, from, ends),
                    firstAtOrAfter(consumer, partitions, to.plusMillis(1), ends));
        }
    }

    public long size() {
        return end.entrySet().stream().mapToLong(e -> e.getValue() - start.getOrDefault(e.getKey(), e.getValue())).sum();
    }

    /** Reads every record of the range, in order within each partition. */
    public void read(String bootstrapServers, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers)) {
            Map<TopicPartition, Long> remaining = new HashMap<>();
            end.forEach((partition, last) -> {
                if (last > start.get(partition)) {
                    remaining.put(new TopicPartition(topic, partition), last);
                }
            });
            consumer.assign(remaining.keySet());
            remaining.keySet().forEach(tp -> consumer.seek(tp, start.get(tp.partition())));
            while (!remaining.isEmpty()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    Long last = remaining.get(tp);
                    if (last != null && record.offset() < last) {
                        each.accept(record);
                    }
                }
                // Done with a partition once the position reaches its end (transaction markers take offsets too).
                List<TopicPartition> done = remaining.keySet().stream().filter(tp -> consumer.position(tp) >= remaining.get(tp)).toList();
                consumer.pause(done);
                done.forEach(remaining::remove);
            }
        }
    }

    static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers) {
        return new KafkaConsumer<>(KafkaAccess.clientConfig(bootstrapServers, Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000,
                ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000)), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        var infos = consumer.partitionsFor(topic);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist; run `servicebot topics create` first");
        }
        return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private static Map<Integer, Long> firstAtOrAfter(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions, Instant at,
                                                     Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(tp -> query.put(tp, at.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
        Map<Integer, Long> offsets = new HashMap<>();
        partitions.forEach(tp -> {
            OffsetAndTimestamp hit = found.get(tp);
            offsets.put(tp.partition(), hit == null ? ends.get(tp) : hit.offset());
        });
        return offsets;
    }

    private static Map<Integer, Long> byPartition(Map<TopicPartition, Long> offsets) {
        Map<Integer, Long> out = new HashMap<>();
        offsets.forEach((tp, offset) -> out.put(tp.partition(), offset));
        return out;
    }
}
