package dev.servicebot.notifier;

import dev.servicebot.topics.KafkaAccess;
import dev.servicebot.notifier.GatewayClient.Outcome;
import dev.servicebot.topics.CloudEvents;
import dev.servicebot.topics.Topics;
import dev.servicebot.topics.model.Connection;
import dev.servicebot.topics.model.Reply;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes every reply to each live connection of its customer, at least once, in order per
 * customer. Replies produced by a replay are not pushed unless asked. A customer with no live
 * connection gets nothing pushed: the reply is in the history, where {@code resume} finds it.
 */
public final class ReplyNotifier implements Runnable, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReplyNotifier.class);
    /** Set (to any value) on records a replay produced. */
    public static final String REPLAY_HEADER = Topics.REPLAY_HEADER;

    private final KafkaConsumer<String, Reply> consumer;
    private final KafkaProducer<String, byte[]> tombstones;
    private final ConnectionDirectory directory;
    private final GatewayClient gateways;
    private final boolean pushReplays;
    private final MeterRegistry metrics;
    private final Timer latency;
    private volatile boolean running = true;
    private final dev.servicebot.topics.health.Membership membership = new dev.servicebot.topics.health.Membership();

    public ReplyNotifier(String bootstrapServers, String groupId, String instanceId, ConnectionDirectory directory, GatewayClient gateways,
                         boolean pushReplays, MeterRegistry metrics) {
        Map<String, Object> consumerConfig = new java.util.HashMap<>(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
        consumerConfig.putAll(dev.servicebot.topics.GroupMembership.consumerSettings(instanceId));
        this.consumer = new KafkaConsumer<>(KafkaAccess.clientConfig(bootstrapServers, consumerConfig), new StringDeserializer(),
                new SkippingDeserializer());
        this.tombstones = new KafkaProducer<>(KafkaAccess.clientConfig(bootstrapServers, Map.of(
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)), new StringSerializer(), new ByteArraySerializer());
        this.directory = directory;
        this.gateways = gateways;
        this.pushReplays = pushReplays;
        this.metrics = metrics;
        this.latency = Timer.builder("servicebot.notifier.delivery.latency").publishPercentileHistogram()
                .description("from the reply's timestamp to its push").register(metrics);
    }

    @Override
    public void run() {
        consumer.subscribe(List.of(Topics.REPLIES.name()), membership);
        try {
            while (running) {
                ConsumerRecords<String, Reply> records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    deliver(records);
                    consumer.commitSync();
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(5));
            tombstones.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Every reply of the poll to every live connection of its customer: gateways in parallel, one
     * request per gateway carrying its deliveries in record order, so each customer's replies arrive
     * in order.
     */
    private void deliver(ConsumerRecords<String, Reply> records) {
        Map<String, List<GatewayClient.Push>> byGateway = new LinkedHashMap<>();
        Instant now = Instant.now();
        for (ConsumerRecord<String, Reply> record : records) {
            Reply reply = record.value();
            if (reply == null) {
                continue; // unreadable or a tombstone: nothing to push
            }
            if (record.headers().lastHeader(REPLAY_HEADER) != null && !pushReplays) {
                metrics.counter("servicebot.notifier.skipped.replay").increment();
                continue;
            }
            List<Connection> live = directory.live(reply.customerId(), now);
            if (live.isEmpty()) {
                metrics.counter("servicebot.notifier.no_connection").increment();
            }
            for (Connection connection : live) {
                if (connection.deliveryUrl() == null) {
                    settled(connection, reply, Outcome.FAILED);
                } else {
                    byGateway.computeIfAbsent(GatewayClient.gatewayOf(connection), g -> new ArrayList<>())
                            .add(new GatewayClient.Push(connection, reply));
                }
            }
        }
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        byGateway.forEach((gateway, pushes) -> sent.add(gateways.deliverAll(gateway, pushes).thenAccept(outcomes -> {
            for (int i = 0; i < pushes.size(); i++) {
                settled(pushes.get(i).connection(), pushes.get(i).reply(), outcomes.get(i));
            }
        })));
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
    }

    private void settled(Connection connection, Reply reply, Outcome outcome) {
        switch (outcome) {
            case DELIVERED -> {
                metrics.counter("servicebot.notifier.delivered").increment();
                latency.record(Duration.between(Instant.parse(reply.timestamp()), Instant.now()));
                log.debug("delivered messageId={} connectionId={}", reply.messageId(), connection.connectionId());
            }
            case GONE -> {
                metrics.counter("servicebot.notifier.gone").increment();
                if (!directory.forget(connection.connectionId())) {
                    return; // another reply of the batch found it gone first and said so
                }
                tombstones.send(CloudEvents.record(Topics.CONNECTIONS, "notifier", connection.connectionId() + ":gone", Instant.now(),
                        connection.connectionId(), null));
                log.info("connection gone messageId={} connectionId={}: tombstone published", reply.messageId(), connection.connectionId());
            }
            case FAILED -> {
                metrics.counter("servicebot.notifier.failed").increment();
                log.warn("delivery gave up messageId={} connectionId={} gateway={}; the reply stays in history",
                        reply.messageId(), connection.connectionId(), connection.gatewayId());
            }
        }
    }

    /** Whether this instance has its share of the replies' partitions yet. */
    public boolean assigned() {
        return membership.assigned();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }

    /** An unreadable reply is logged and skipped here: it is in the processor's output, not ours to fix. */
    private static final class SkippingDeserializer implements org.apache.kafka.common.serialization.Deserializer<Reply> {
        @Override
        public Reply deserialize(String topic, byte[] data) {
            try {
                return Topics.REPLIES.valueSerde().deserializer().deserialize(topic, data);
            } catch (RuntimeException e) {
                log.warn("unreadable reply skipped: {}", e.getMessage());
                return null;
            }
        }
    }
}
