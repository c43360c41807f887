package dev.servicebot.gateway;

import dev.servicebot.topics.CloudEvents;
import dev.servicebot.topics.Topics;
import dev.servicebot.topics.model.Connection;
import dev.servicebot.topics.model.HandoffCommand;
import dev.servicebot.topics.model.InboundMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
    private final KafkaProducer<String, byte[]> producer;

    public GatewayProducer(String bootstrapServers, Duration ackTimeout) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        // A send never blocks a socket thread for longer than the client waits for its ack,
        // and every send completes (one way or the other) within the delivery timeout.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) ackTimeout.toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
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

    private CompletableFuture<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
        CompletableFuture<RecordMetadata> done = new CompletableFuture<>();
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
        return done;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
