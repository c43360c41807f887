package dev.servicebot.devstack;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer group is behind, as {@code kafka-consumer-groups --describe} computes it: for each
 * partition it has committed on, the log end minus the committed offset (transaction markers count,
 * so a drained exactly-once group shows 0 only when it commits past them).
 */
public final class GroupLag implements AutoCloseable {
    private final Admin admin;

    public GroupLag(String bootstrapServers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** Records the group has not processed yet, over the partitions it committed on. */
    public long of(String group) {
        return byTopic(group).values().stream().mapToLong(Long::longValue).sum();
    }

    /** {@link #of}, topic by topic: which input a backlog is in. */
    public Map<String, Long> byTopic(String group) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = committed.keySet().stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            return committed.entrySet().stream().filter(e -> e.getValue() != null)
                    .collect(Collectors.groupingBy(e -> e.getKey().topic(), java.util.TreeMap::new,
                            Collectors.summingLong(e -> Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset()))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the lag of " + group, e.getCause());
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
