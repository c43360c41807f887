package dev.servicebot.sink;

import dev.servicebot.topics.KafkaAccess;
import dev.servicebot.topics.DeadLetter;
import dev.servicebot.topics.Topic;
import dev.servicebot.topics.health.Membership;
import dev.servicebot.topics.model.ServiceLevel;
import dev.servicebot.topics.tables.Items;
import dev.servicebot.topics.tables.TableNames;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Materializes the history, customers, service-levels and connections topics into their DynamoDB
 * tables. Offsets are committed only after the writes are durable; a record that cannot be written
 * goes to the DLQ with its reason and the sink moves on. Scale out by starting more instances.
 */
public final class DynamoSink implements Runnable, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DynamoSink.class);
    static final String STAGE = "sink-dynamo";

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> deadLetters;
    private final BatchWriter writer;
    private final TableNames tables;
    private final MeterRegistry metrics;
    private final Map<String, ServiceLevel> tiers = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    private volatile boolean stopped;

    public DynamoSink(String bootstrapServers, String groupId, String instanceId, DynamoDbClient dynamo, TableNames tables, MeterRegistry metrics) {
        Map<String, Object> consumerConfig = new HashMap<>();
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"); // only what the processor committed
        consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        consumerConfig.putAll(dev.servicebot.topics.GroupMembership.consumerSettings(instanceId));
        this.consumer = new KafkaConsumer<>(KafkaAccess.clientConfig(bootstrapServers, consumerConfig), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        this.deadLetters = new KafkaProducer<>(KafkaAccess.clientConfig(bootstrapServers, Map.of(
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)),
                new ByteArraySerializer(), new ByteArraySerializer());
        this.writer = new BatchWriter(dynamo, metrics);
        this.tables = tables;
        this.metrics = metrics;
        // Tiers already materialized, so the device-count rule holds from the first record.
        dynamo.scan(b -> b.tableName(tables.serviceLevels())).items().stream().map(Items::serviceLevel).forEach(t -> tiers.put(t.level(), t));
        metrics.gauge("servicebot.sink.consumer.lag", consumer, c -> c.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals("records-lag-max"))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).filter(v -> !Double.isNaN(v)).max().orElse(0));
    }

    private final Membership membership = new Membership(new ConsumerRebalanceListener() {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            log.info("partitions revoked: {}", partitions);
            committed.keySet().removeAll(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            log.info("partitions assigned: {}", partitions);
        }
    });

    @Override
    public void run() {
        consumer.subscribe(TableWrite.TOPICS.stream().map(Topic::name).toList(), membership);
        try {
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) {
                    handle(records);
                }
                commit(); // also when only a transaction marker went by
            }
        } catch (WakeupException | StopRequested e) {
            // close() asked us to stop.
        } finally {
            consumer.close(Duration.ofSeconds(5));
            deadLetters.close(Duration.ofSeconds(5));
            stopped = true;
        }
    }

    private void handle(ConsumerRecords<byte[], byte[]> records) {
        // The last write per item wins: a batch never holds one key twice.
        Map<String, BatchWriter.Pending<ConsumerRecord<byte[], byte[]>>> latest = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                TableWrite write = TableWrite.of(record, tables, tiers::get);
                latest.remove(write.table() + "|" + write.key());
                latest.put(write.table() + "|" + write.key(), new BatchWriter.Pending<>(write, record));
                rememberTier(record);
            } catch (RuntimeException e) {
                setAside(record, e);
            }
        }
        List<BatchWriter.Refused<ConsumerRecord<byte[], byte[]>>> refused = writer.write(new ArrayList<>(latest.values()), this::keepMembership);
        refused.forEach(r -> setAside(r.pending().source(), r.error()));
    }

    private void rememberTier(ConsumerRecord<byte[], byte[]> record) {
        if (record.topic().equals(dev.servicebot.topics.Topics.SERVICE_LEVELS.name())) {
            String level = new String(record.key(), java.nio.charset.StandardCharsets.UTF_8);
            if (record.value() == null) {
                tiers.remove(level);
            } else {
                tiers.put(level, dev.servicebot.topics.Topics.SERVICE_LEVELS.valueSerde().deserializer().deserialize(record.topic(), record.value()));
            }
        }
    }

    /** While DynamoDB is down we keep polling (paused) so the group does not think we died. */
    private void keepMembership() {
        if (!running) {
            throw new StopRequested();
        }
        var assigned = consumer.assignment();
        consumer.pause(assigned);
        consumer.poll(Duration.ZERO);
        consumer.resume(assigned);
    }

    /**
     * Commits where the consumer stands, not the last record + 1: the processor's transaction markers
     * take offsets too, and a commit short of them shows a lag of a few forever. Everything the last
     * poll returned is written by now, so the position is safe; partitions that did not move are skipped.
     */
    private void commit() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : consumer.assignment()) {
            long position = consumer.position(partition);
            if (!Long.valueOf(position).equals(committed.get(partition))) {
                offsets.put(partition, new OffsetAndMetadata(position));
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        offsets.keySet().retainAll(consumer.assignment());
        try {
            consumer.commitSync(offsets);
            offsets.forEach((partition, offset) -> committed.put(partition, offset.offset()));
        } catch (CommitFailedException e) {
            // Partitions moved to another instance mid-batch: it rewrites the same items, which is harmless.
            log.info("commit after a rebalance refused; the new owner re-writes those records: {}", e.getMessage());
        }
    }

    private void setAside(ConsumerRecord<byte[], byte[]> record, Exception error) {
        metrics.counter("servicebot.sink.dlq").increment();
        log.warn("record {}-{}@{} set aside: {}", record.topic(), record.partition(), record.offset(), error.getMessage());
        try {
            deadLetters.send(DeadLetter.of(STAGE, record.topic(), record.partition(), record.offset(), record.key(), record.value(),
                    record.headers(), error)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting a record aside", e);
        } catch (ExecutionException e) {
            // Without the DLQ record we must not commit past the poison record: stop and let a restart retry.
            throw new IllegalStateException("cannot write to the DLQ: " + e.getCause().getMessage(), e.getCause());
        }
    }

    public boolean healthy() {
        return !stopped;
    }

    /** Whether the group has given this instance its partitions (false while it waits for a dead member's session). */
    public boolean assigned() {
        return membership.assigned();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }

    /** Thrown from the backoff wait when the sink is closing. */
    private static final class StopRequested extends RuntimeException {
    }
}
