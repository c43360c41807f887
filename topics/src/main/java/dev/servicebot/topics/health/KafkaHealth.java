package dev.servicebot.topics.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** Ready means Kafka answers: a real DescribeCluster call, a success remembered for a second so probes stay cheap. */
public final class KafkaHealth implements AutoCloseable {
    private final Admin admin;
    private volatile Instant checkedAt = Instant.EPOCH;
    private volatile boolean reachable;

    public KafkaHealth(String bootstrapServers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000));
    }

    public boolean reachable() {
        // Only success is remembered: after a failure the next probe asks again, so one slow answer
        // (the admin client's first connection on a busy host) is not reported for a whole second.
        if (!reachable || Duration.between(checkedAt, Instant.now()).toMillis() > 1_000) {
            try {
                admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000)).clusterId().get(3, TimeUnit.SECONDS);
                reachable = true;
            } catch (Exception e) {
                reachable = false;
            }
            checkedAt = Instant.now();
        }
        return reachable;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
