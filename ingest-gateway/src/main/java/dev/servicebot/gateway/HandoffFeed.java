package dev.servicebot.gateway;

import dev.servicebot.topics.KafkaAccess;
import dev.servicebot.topics.InvalidRecordException;
import dev.servicebot.topics.Json;
import dev.servicebot.topics.Topics;
import dev.servicebot.topics.model.HandoffEvent;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the whole handoffs topic, committed steps only, into the {@link HandoffBoard} and passes
 * each step on (to the agents' sockets). Every gateway reads all of it, without a consumer group:
 * each needs the whole queue, and the queue is small.
 */
public final class HandoffFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HandoffFeed.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final HandoffBoard board;
    private final Consumer<HandoffEvent> onEvent;
    private final Thread thread;
    private volatile boolean running = true;

    public HandoffFeed(String bootstrapServers, HandoffBoard board, Consumer<HandoffEvent> onEvent) {
        Map<String, Object> config = new HashMap<>();
        // The processor writes in transactions: an aborted step must never reach an agent.
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer = new KafkaConsumer<>(KafkaAccess.clientConfig(bootstrapServers, config), new StringDeserializer(),
                new ByteArrayDeserializer());
        this.board = board;
        this.onEvent = onEvent;
        this.thread = new Thread(this::run, "handoff-feed");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        try {
            assignAll();
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    HandoffEvent event;
                    try {
                        event = Json.parse(record.value(), HandoffEvent.class);
                    } catch (InvalidRecordException e) {
                        log.warn("skipped an unreadable handoff step at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                                e.getMessage());
                        continue;
                    }
                    board.apply(event);
                    try {
                        onEvent.accept(event);
                    } catch (RuntimeException e) {
                        log.warn("handoff step {} not passed on: {}", event.eventId(), e.toString());
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("handoff feed stopped: the agent console will not update", e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** The topic may not exist yet when the gateway starts first: wait for it. */
    private void assignAll() {
        while (running) {
            List<TopicPartition> partitions = List.of();
            try {
                partitions = consumer.partitionsFor(Topics.HANDOFFS.name(), Duration.ofSeconds(5)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                log.debug("handoffs topic not reachable yet: {}", e.getMessage());
            }
            if (!partitions.isEmpty()) {
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                return;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
