package dev.servicebot.topics;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * How every consumer group of the bot (processor, analytics, sink, notifier) notices a dead member,
 * and how a restarted one takes its place.
 * A process killed with -9 never says goodbye: the group waits for its session to time out before its
 * partitions move, to it when it restarts or to another member. Kafka's default of 45 s stops that
 * stage for 45 s; 10 s keeps a restart within seconds while a heartbeat every 3 s leaves room for a
 * few lost ones (a long GC pause) before a live member is taken for dead.
 */
public final class GroupMembership {
    public static final int SESSION_TIMEOUT_MS = 10_000;
    public static final int HEARTBEAT_INTERVAL_MS = 3_000;

    private GroupMembership() {
    }

    /** The environment variable naming this instance (processor-1, sink...): stable across its restarts. */
    public static final String INSTANCE_ID = "SERVICEBOT_INSTANCE_ID";

    /**
     * The consumer settings, to add to a consumer's (or a Kafka Streams app's main consumer's) config.
     *
     * @param instanceId a name that stays the same across this instance's restarts, or null. With one,
     *                   the member is static: a restart takes its partitions back at once, with no
     *                   rebalance and no wait for the dead process's session (a member that joins
     *                   under a new name waits up to the session timeout for the old one to expire).
     */
    public static Map<String, Object> consumerSettings(String instanceId) {
        Map<String, Object> settings = new java.util.HashMap<>(Map.of(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, SESSION_TIMEOUT_MS,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, HEARTBEAT_INTERVAL_MS));
        if (instanceId != null && !instanceId.isBlank()) {
            settings.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
        }
        return settings;
    }
}
