package dev.servicebot.sink;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Writes to DynamoDB in BatchWriteItem groups of at most 25 and does not give up: unprocessed
 * items, throttling, 5xx and an unreachable endpoint are retried with exponential backoff and full
 * jitter until they succeed. Only an item DynamoDB itself refuses (a 400 for that item) is handed
 * back, so that it can be set aside.
 */
public final class BatchWriter {
    private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);
    public static final int MAX_BATCH = 25;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final DynamoDbClient dynamo;
    private final MeterRegistry metrics;

    /** One write and whatever the caller needs to know about it. */
    public record Pending<T>(TableWrite write, T source) {
    }

    /** A write DynamoDB refused for itself, with its reason. */
    public record Refused<T>(Pending<T> pending, Exception error) {
    }

    public BatchWriter(DynamoDbClient dynamo, MeterRegistry metrics) {
        this.dynamo = dynamo;
        this.metrics = metrics;
    }

    /**
     * Writes everything; returns the writes DynamoDB refused item by item.
     *
     * @param waiting called while backing off, e.g. to keep a consumer in its group
     */
    public <T> List<Refused<T>> write(List<Pending<T>> writes, Runnable waiting) {
        List<Refused<T>> refused = new ArrayList<>();
        for (int from = 0; from < writes.size(); from += MAX_BATCH) {
            List<Pending<T>> chunk = writes.subList(from, Math.min(writes.size(), from + MAX_BATCH));
            refused.addAll(writeChunk(chunk, waiting));
        }
        return refused;
    }

    private <T> List<Refused<T>> writeChunk(List<Pending<T>> chunk, Runnable waiting) {
        Map<String, List<WriteRequest>> remaining = new HashMap<>();
        chunk.forEach(p -> remaining.computeIfAbsent(p.write().table(), t -> new ArrayList<>()).add(p.write().request()));
        int attempt = 0;
        long started = System.nanoTime();
        while (!remaining.isEmpty()) {
            try {
                BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(remaining));
                remaining.clear();
                if (response.hasUnprocessedItems() && !response.unprocessedItems().isEmpty()) {
                    remaining.putAll(response.unprocessedItems());
                    backoff(++attempt, "unprocessed items", waiting);
                }
            } catch (SdkClientException e) {
                backoff(++attempt, "DynamoDB unreachable: " + e.getMessage(), waiting);
            } catch (DynamoDbException e) {
                if (e.statusCode() >= 500 || e.isThrottlingException() || "ResourceNotFoundException".equals(errorCode(e))) {
                    backoff(++attempt, "DynamoDB " + e.statusCode() + " " + errorCode(e), waiting);
                } else {
                    // A 400 for the batch: find the items DynamoDB refuses by writing them one at a time.
                    return oneByOne(chunk, waiting);
                }
            }
        }
        metrics.timer("servicebot.sink.batch.latency").record(Duration.ofNanos(System.nanoTime() - started));
        chunk.forEach(p -> metrics.counter("servicebot.sink.written", "table", p.write().table()).increment());
        return List.of();
    }

    private <T> List<Refused<T>> oneByOne(List<Pending<T>> chunk, Runnable waiting) {
        List<Refused<T>> refused = new ArrayList<>();
        for (Pending<T> pending : chunk) {
            List<Refused<T>> result = writeSingle(pending, waiting);
            refused.addAll(result);
        }
        return refused;
    }

    private <T> List<Refused<T>> writeSingle(Pending<T> pending, Runnable waiting) {
        int attempt = 0;
        while (true) {
            try {
                dynamo.batchWriteItem(b -> b.requestItems(Map.of(pending.write().table(), List.of(pending.write().request()))));
                metrics.counter("servicebot.sink.written", "table", pending.write().table()).increment();
                return List.of();
            } catch (SdkClientException e) {
                backoff(++attempt, "DynamoDB unreachable: " + e.getMessage(), waiting);
            } catch (DynamoDbException e) {
                if (e.statusCode() >= 500 || e.isThrottlingException()) {
                    backoff(++attempt, "DynamoDB " + e.statusCode(), waiting);
                } else {
                    return List.of(new Refused<>(pending, e));
                }
            }
        }
    }

    private void backoff(int attempt, String why, Runnable waiting) {
        metrics.counter("servicebot.sink.retries").increment();
        long cap = Math.min(MAX_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(attempt, 10));
        long sleep = ThreadLocalRandom.current().nextLong(cap + 1); // full jitter
        if (attempt == 1 || attempt % 10 == 0) {
            log.warn("retrying a DynamoDB write (attempt {}): {}", attempt, why);
        }
        long until = System.currentTimeMillis() + sleep;
        do {
            waiting.run();
            try {
                Thread.sleep(Math.max(0, Math.min(200, until - System.currentTimeMillis())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting to retry", e);
            }
        } while (System.currentTimeMillis() < until);
    }

    private static String errorCode(DynamoDbException e) {
        return e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
    }
}
