package dev.servicebot.topics.health;

import dev.servicebot.topics.KafkaAccess;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** Ready means Kafka answers: a real DescribeCluster call every half second, in the background ({@link BackgroundProbe}). */
public final class KafkaHealth implements AutoCloseable {
    private final Admin admin;
    private final BackgroundProbe probe;

    public KafkaHealth(String bootstrapServers) {
        this.admin = Admin.create(KafkaAccess.clientConfig(bootstrapServers, Map.of(
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000)));
        this.probe = new BackgroundProbe("kafka-health", Duration.ofMillis(500), this::describeCluster);
    }

    private boolean describeCluster() {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000)).clusterId().get(3, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing
            return false;
        }
    }

    /** The latest probe's answer, without waiting. */
    public boolean reachable() {
        return probe.ok();
    }

    @Override
    public void close() {
        probe.close();
        admin.close(Duration.ofSeconds(2));
    }
}
