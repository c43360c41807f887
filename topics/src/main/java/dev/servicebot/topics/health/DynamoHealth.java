package dev.servicebot.topics.health;

import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB answers: a real DescribeTable of one of our tables every second, in the background
 * ({@link BackgroundProbe}), each given up after 2 s rather than the SDK's whole retry schedule.
 */
public final class DynamoHealth implements AutoCloseable {
    private final BackgroundProbe probe;

    public DynamoHealth(DynamoDbClient dynamo, String table) {
        this.probe = new BackgroundProbe("dynamodb-health", Duration.ofSeconds(1), () -> {
            dynamo.describeTable(b -> b.tableName(table).overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(2))));
            return true;
        });
    }

    /** The latest probe's answer, without waiting. */
    public boolean reachable() {
        return probe.ok();
    }

    @Override
    public void close() {
        probe.close();
    }
}
