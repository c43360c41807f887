package dev.servicebot.cli.ops;

import dev.servicebot.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Re-runs the customer messages of a time range through the running processor by publishing them
 * again to the inbound topic, unchanged (same key, value and ids) and marked with the replay
 * header. The processor re-answers them, writing history under the same keys (so DynamoDB items
 * are overwritten, never duplicated) without repeating their side effects, and the notifier does
 * not push the replies. Copies made by earlier replays are never replayed again.
 */
public final class InboundReplay {
    private final String bootstrapServers;
    private final Instant from;
    private final Instant to;
    private final String customerId;

    /** @param customerId only this customer's messages, or null for everyone's */
    public InboundReplay(String bootstrapServers, Instant from, Instant to, String customerId) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("--from " + from + " must be before --to " + to);
        }
        this.bootstrapServers = bootstrapServers;
        this.from = from;
        this.to = to;
        this.customerId = customerId;
    }

    /** What a replay of the range would send: messages per partition. */
    public record Plan(TopicRange range, Map<Integer, Long> perPartition) {
        public long total() {
            return perPartition.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public record Result(String replayId, long sent) {
    }

    public Plan plan() {
        TopicRange range = TopicRange.between(bootstrapServers, Topics.INBOUND.name(), from, to);
        Map<Integer, Long> counts = new TreeMap<>();
        range.start().keySet().forEach(p -> counts.put(p, 0L));
        range.read(bootstrapServers, record -> {
            if (selected(record)) {
                counts.merge(record.partition(), 1L, Long::sum);
            }
        });
        return new Plan(range, counts);
    }

    /** Publishes the planned messages again; {@code progress} hears of each one Kafka has taken. */
    public Result run(Plan plan, Producer<String, byte[]> producer, LongConsumer progress) {
        String replayId = "replay-" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now())
                + "-" + Long.toHexString(System.nanoTime() & 0xffff);
        AtomicLong sent = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<Exception> firstError = new AtomicReference<>();
        plan.range().read(bootstrapServers, record -> {
            if (!selected(record)) {
                return;
            }
            RecordHeaders headers = new RecordHeaders(record.headers().toArray());
            headers.add(Topics.REPLAY_HEADER, replayId.getBytes(StandardCharsets.UTF_8));
            producer.send(new ProducerRecord<>(Topics.INBOUND.name(), record.partition(), key(record), record.value(), headers),
                    (metadata, error) -> {
                        if (error == null) {
                            progress.accept(sent.incrementAndGet());
                        } else {
                            failed.incrementAndGet();
                            firstError.compareAndSet(null, error);
                        }
                    });
        });
        producer.flush();
        if (firstError.get() != null) {
            throw new IllegalStateException("replay " + replayId + ": " + failed.get() + " messages not re-published: "
                    + firstError.get().getMessage() + " (" + sent.get() + " were; running it again is safe)");
        }
        return new Result(replayId, sent.get());
    }

    private boolean selected(ConsumerRecord<byte[], byte[]> record) {
        if (record.headers().lastHeader(Topics.REPLAY_HEADER) != null || record.value() == null) {
            return false; // a copy from an earlier replay: its original is in the range too
        }
        long at = record.timestamp();
        return at >= from.toEpochMilli() && at <= to.toEpochMilli() && (customerId == null || customerId.equals(key(record)));
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    }
}
