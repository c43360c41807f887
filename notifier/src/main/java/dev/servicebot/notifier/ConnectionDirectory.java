package dev.servicebot.notifier;

import dev.servicebot.topics.KafkaAccess;
import dev.servicebot.topics.Topics;
import dev.servicebot.topics.model.Connection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is connected where: every notifier instance reads the whole compacted connections topic (no
 * consumer group) into memory, like a GlobalKTable. The topic is the durable state; a restarted
 * notifier rebuilds the map from it before it delivers anything. Closed connections are
 * tombstones; expired ones are filtered when read, since a TTL is not a deletion.
 */
public final class ConnectionDirectory implements Runnable, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConnectionDirectory.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, Connection> byId = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> byCustomer = new ConcurrentHashMap<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile boolean running = true;

    public ConnectionDirectory(String bootstrapServers) {
        this.consumer = new KafkaConsumer<>(KafkaAccess.clientConfig(bootstrapServers, Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Waits until the whole topic as of start-up has been read. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean caughtUp() {
        return caughtUp.getCount() == 0;
    }

    /** The customer's connections whose TTL has not passed. */
    public List<Connection> live(String customerId, Instant now) {
        return byCustomer.getOrDefault(customerId, Set.of()).stream()
                .map(byId::get).filter(c -> c != null && !c.expiredAt(now)).toList();
    }

    /** Forgets a connection at once (its tombstone is on its way). */
    /** @return whether the connection was still known (false when another reply already found it gone) */
    public boolean forget(String connectionId) {
        return remove(connectionId);
    }

    @Override
    public void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CONNECTIONS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    apply(record);
                }
                if (caughtUp.getCount() > 0 && ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    log.info("connection directory rebuilt: {} connections", byId.size());
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null) {
            return;
        }
        String connectionId = new String(record.key(), StandardCharsets.UTF_8);
        if (record.value() == null) {
            remove(connectionId);
            return;
        }
        try {
            Connection connection = Topics.CONNECTIONS.valueSerde().deserializer().deserialize(record.topic(), record.value());
            byId.put(connectionId, connection);
            byCustomer.computeIfAbsent(connection.userId(), k -> ConcurrentHashMap.newKeySet()).add(connectionId);
        } catch (RuntimeException e) {
            log.warn("unreadable connection record {} skipped: {}", connectionId, e.getMessage());
        }
    }

    private boolean remove(String connectionId) {
        Connection gone = byId.remove(connectionId);
        if (gone != null) {
            Set<String> ids = byCustomer.get(gone.userId());
            if (ids != null) {
                ids.remove(connectionId);
            }
        }
        return gone != null;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
