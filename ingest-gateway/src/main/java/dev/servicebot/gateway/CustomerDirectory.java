package dev.servicebot.gateway;

import dev.servicebot.topics.model.Customer;
import dev.servicebot.topics.model.ServiceLevel;
import dev.servicebot.topics.tables.Items;
import dev.servicebot.topics.tables.TableNames;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Customers and tiers as the sink keeps them in DynamoDB: who may connect, and what their tier allows. */
public final class CustomerDirectory {
    private final DynamoDbClient dynamo;
    private final TableNames tables;

    public CustomerDirectory(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.tables = tables;
    }

    public Optional<Customer> customer(String id) {
        var item = dynamo.getItem(b -> b.tableName(tables.customers()).key(Items.key("id", id)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(Items.customer(item));
    }

    public List<ServiceLevel> tiers() {
        return dynamo.scan(b -> b.tableName(tables.serviceLevels()).consistentRead(true)).items().stream().map(Items::serviceLevel).toList();
    }
}
