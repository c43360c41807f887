package dev.servicebot.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.servicebot.topics.model.Customer;
import dev.servicebot.topics.model.ServiceLevel;
import dev.servicebot.topics.tables.Items;
import dev.servicebot.topics.tables.TableNames;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Customers and tiers as the sink keeps them in DynamoDB: who may connect, and what their tier allows. */
public final class CustomerDirectory {
    private final DynamoDbClient dynamo;
    private final TableNames tables;
    private final Cache<String, Customer> recent = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(10)).maximumSize(100_000).build();

    public CustomerDirectory(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.tables = tables;
    }

    /**
     * The customer as DynamoDB has it. When DynamoDB cannot answer, a customer seen in the last ten
     * minutes is still known (so reconnects survive a short outage); anyone else gets the SDK's error.
     */
    public Optional<Customer> customer(String id) {
        try {
            var item = dynamo.getItem(b -> b.tableName(tables.customers()).key(Items.key("id", id)).consistentRead(true)
                    .overrideConfiguration(ReadDeadline.PERSON_WAITING)).item();
            Optional<Customer> customer = item == null || item.isEmpty() ? Optional.empty() : Optional.of(Items.customer(item));
            customer.ifPresentOrElse(c -> recent.put(id, c), () -> recent.invalidate(id));
            return customer;
        } catch (SdkException e) {
            Customer seen = recent.getIfPresent(id);
            if (seen == null) {
                throw e;
            }
            return Optional.of(seen);
        }
    }

    public List<ServiceLevel> tiers() {
        return dynamo.scan(b -> b.tableName(tables.serviceLevels()).consistentRead(true).overrideConfiguration(ReadDeadline.PERSON_WAITING)).items().stream().map(Items::serviceLevel).toList();
    }
}
