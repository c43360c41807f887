package dev.servicebot.topics.health;

import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** DynamoDB answers: a real DescribeTable of one of our tables, remembered for a second so probes stay cheap. */
public final class DynamoHealth {
    private final DynamoDbClient dynamo;
    private final String table;
    private volatile Instant checkedAt = Instant.EPOCH;
    private volatile boolean reachable;

    public DynamoHealth(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public boolean reachable() {
        if (Duration.between(checkedAt, Instant.now()).toMillis() > 1_000) {
            try {
                dynamo.describeTable(b -> b.tableName(table));
                reachable = true;
            } catch (RuntimeException e) {
                reachable = false;
            }
            checkedAt = Instant.now();
        }
        return reachable;
    }
}
