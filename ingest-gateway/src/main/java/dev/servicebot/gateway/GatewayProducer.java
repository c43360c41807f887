package dev.servicebot.gateway;

import dev.servicebot.topics.KafkaAccess;
import dev.servicebot.topics.CloudEvents;
import dev.servicebot.topics.Topics;
import dev.servicebot.topics.model.Connection;
import dev.servicebot.topics.model.HandoffCommand;
import dev.servicebot.topics.model.InboundMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the gateway writes to Kafka: accepted messages and agents' commands (durably: acks=all,
 * idempotent, so an ack means Kafka has it) and connection opens and closes for the notifier and the sink.
 */
public final class GatewayProducer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GatewayProducer.class);
    private static final String COMPONENT = "ingest-gateway";
    private static final int BACKLOG = 10_000;
    private final KafkaProducer<String, byte[]> producer;
    private final Duration ackTimeout;
    private final ThreadPoolExecutor sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(BACKLOG), r -> {
                Thread t = new Thread(r, "gateway-kafka-sender");
                t.setDaemon(true);
                return t;
            });

    public GatewayProducer(String bootstrapServers, Duration ackTimeout) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        // A send never blocks a socket thread for longer than the client waits for its ack,
        // and every send completes (one way or the other) within the delivery timeout.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) ackTimeout.toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        this.producer = new KafkaProducer<>(KafkaAccess.clientConfig(bootstrapServers, config), new StringSerializer(), new ByteArraySerializer());
        this.ackTimeout = ackTimeout;
        // The inbound topic's metadata while the gateway is still starting, not on its first customer's message.
        sender.execute(() -> {
            try {
                producer.partitionsFor(Topics.INBOUND.name());
            } catch (RuntimeException e) {
                log.debug("no metadata for {} yet: {}", Topics.INBOUND.name(), e.toString());
            }
        });
    }

    /** Completes when Kafka has the message (all in-sync replicas), or with the reason it does not. */
    public CompletableFuture<RecordMetadata> publish(InboundMessage message) {
        return send(CloudEvents.record(Topics.INBOUND, COMPONENT, message.messageId(), CloudEvents.timeOf(message.timestamp()),
                message.customerId(), message));
    }

    /** Completes when Kafka has the agent's command. */
    public CompletableFuture<RecordMetadata> publish(HandoffCommand command) {
        return send(CloudEvents.record(Topics.HANDOFF_COMMANDS, COMPONENT, command.commandId(), CloudEvents.timeOf(command.timestamp()),
                command.customerId(), command));
    }

    public void opened(Connection connection) {
        send(CloudEvents.record(Topics.CONNECTIONS, COMPONENT, connection.connectionId() + ":opened",
                CloudEvents.timeOf(connection.connectionTime()), connection.connectionId(), connection))
                .exceptionally(e -> {
                    log.warn("connection {} not announced: {}", connection.connectionId(), e.getMessage());
                    return null;
                });
    }

    public void closed(String connectionId) {
        send(CloudEvents.record(Topics.CONNECTIONS, COMPONENT, connectionId + ":closed", Instant.now(), connectionId, null)).exceptionally(e -> {
            log.warn("close of connection {} not announced: {}", connectionId, e.getMessage());
            return null;
        });
    }

    /**
     * Hands the record to the one sender thread and returns at once: a socket thread never waits
     * for Kafka, even when the broker is down and {@code send} blocks for metadata. Records keep
     * their order (one thread); when the backlog is full, or a record has waited longer than its
     * client waits for an ack, it fails at once rather than being sent late.
     */
    private CompletableFuture<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
        CompletableFuture<RecordMetadata> done = new CompletableFuture<>();
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        try {
            sender.execute(() -> {
                if (System.nanoTime() > deadline) {
                    done.completeExceptionally(new TimeoutException("not sent within " + ackTimeout.toMillis() + " ms: Kafka is slow or unreachable"));
                    return;
                }
                try {
                    producer.send(record, (metadata, error) -> {
                        if (error != null) {
                            done.completeExceptionally(error);
                        } else {
                            done.complete(metadata);
                        }
                    });
                } catch (RuntimeException e) {
                    done.completeExceptionally(e); // e.g. no metadata within max.block.ms: the broker is unreachable
                }
            });
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(new TimeoutException("send backlog full (" + BACKLOG + "): Kafka is slow or unreachable"));
        }
        return done;
    }

    @Override
    public void close() {
        sender.shutdown();
        try {
            sender.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
