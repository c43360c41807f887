package dev.servicebot.topics.tables;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ListTablesRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * Creates the four tables of the data model when they are missing, exactly as specified
 * (keys, types, {@code UserIdIndex} on messages, a {@code userId} index on connections, TTL on
 * connections where the server supports it). Running it again changes nothing.
 */
public final class TablesAdmin {
    private static final Logger log = LoggerFactory.getLogger(TablesAdmin.class);

    private final DynamoDbClient dynamo;
    private final TableNames names;

    public TablesAdmin(DynamoDbClient dynamo, TableNames names) {
        this.dynamo = dynamo;
        this.names = names;
    }

    /** Creates what is missing and returns the names of the tables it created. */
    public List<String> ensure() {
        Set<String> existing = existingTables();
        List<String> created = new ArrayList<>();
        for (CreateTableRequest request : definitions()) {
            if (existing.contains(request.tableName())) {
                continue;
            }
            try {
                dynamo.createTable(request);
                created.add(request.tableName());
            } catch (ResourceInUseException e) {
                // Created concurrently by another instance: the goal is reached.
            }
            dynamo.waiter().waitUntilTableExists(b -> b.tableName(request.tableName()));
        }
        enableTtl(names.connections());
        return created;
    }

    public Set<String> existingTables() {
        Set<String> tables = new HashSet<>();
        String start = null;
        do {
            ListTablesResponse page = dynamo.listTables(ListTablesRequest.builder().exclusiveStartTableName(start).build());
            tables.addAll(page.tableNames());
            start = page.lastEvaluatedTableName();
        } while (start != null);
        return tables;
    }

    /** The data model's tables, on-demand capacity. */
    public List<CreateTableRequest> definitions() {
        return List.of(
                table(names.customers(), "id", null).build(),
                table(names.serviceLevels(), "level", null).build(),
                table(names.messages(), "conversationId", "timestamp")
                        .attributeDefinitions(string("conversationId"), string("timestamp"), string("userId"))
                        .globalSecondaryIndexes(index(TableNames.USER_ID_INDEX, "userId", "timestamp"))
                        .build(),
                table(names.connections(), "connectionId", null)
                        .attributeDefinitions(string("connectionId"), string("userId"), string("connectionTime"))
                        .globalSecondaryIndexes(index(TableNames.USER_ID_INDEX, "userId", "connectionTime"))
                        .build());
    }

    private void enableTtl(String table) {
        try {
            var current = dynamo.describeTimeToLive(b -> b.tableName(table)).timeToLiveDescription();
            if (current != null && current.timeToLiveStatus() == TimeToLiveStatus.ENABLED) {
                return;
            }
            dynamo.updateTimeToLive(b -> b.tableName(table).timeToLiveSpecification(s -> s.attributeName("ttl").enabled(true)));
        } catch (SdkException e) {
            // dynalite has no TTL API; readers filter on `ttl` anyway, as AWS advises.
            log.info("TTL on {} not enabled: this DynamoDB API has no TTL support (readers filter on ttl anyway)", table);
            log.debug("UpdateTimeToLive failed", e);
        }
    }

    private static CreateTableRequest.Builder table(String name, String partitionKey, String sortKey) {
        CreateTableRequest.Builder builder = CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST);
        if (sortKey == null) {
            return builder.attributeDefinitions(string(partitionKey))
                    .keySchema(key(partitionKey, KeyType.HASH));
        }
        return builder.attributeDefinitions(string(partitionKey), string(sortKey))
                .keySchema(key(partitionKey, KeyType.HASH), key(sortKey, KeyType.RANGE));
    }

    private static GlobalSecondaryIndex index(String name, String partitionKey, String sortKey) {
        return GlobalSecondaryIndex.builder()
                .indexName(name)
                .keySchema(key(partitionKey, KeyType.HASH), key(sortKey, KeyType.RANGE))
                .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                .build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }
}
