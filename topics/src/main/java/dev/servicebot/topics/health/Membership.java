package dev.servicebot.topics.health;

import java.util.Collection;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether a consumer holds its assignment: true once the group gave it partitions (possibly none,
 * when there are more members than partitions), false from a revoke until the next assignment. A
 * restarted member reads false while the group still waits for the session of the member it replaces.
 */
public final class Membership implements ConsumerRebalanceListener {
    private final ConsumerRebalanceListener inner;
    private volatile boolean assigned;

    /** @param inner what the consumer does on a rebalance besides being counted (e.g. dropping per-partition state) */
    public Membership(ConsumerRebalanceListener inner) {
        this.inner = inner;
    }

    public Membership() {
        this(new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            }
        });
    }

    public boolean assigned() {
        return assigned;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        assigned = false;
        inner.onPartitionsRevoked(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        assigned = false;
        inner.onPartitionsLost(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        inner.onPartitionsAssigned(partitions);
        assigned = true;
    }
}
