package dev.servicebot.sink;

import dev.servicebot.topics.Topic;
import dev.servicebot.topics.Topics;
import dev.servicebot.topics.model.Connection;
import dev.servicebot.topics.model.Customer;
import dev.servicebot.topics.model.HistoryMessage;
import dev.servicebot.topics.model.ServiceLevel;
import dev.servicebot.topics.tables.Items;
import dev.servicebot.topics.tables.TableNames;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * How one Kafka record becomes one DynamoDB write: which table, the item's key (so a batch keeps
 * only the last write per key), and a put, or a delete for a tombstone.
 *
 * @param table the table name
 * @param key   the item's primary key as text, to de-duplicate within a batch
 */
public record TableWrite(String table, String key, WriteRequest request, int itemBytes) {

    /** Why a record was set aside instead of written. */
    public static final class Rejected extends RuntimeException {
        public Rejected(String message) {
            super(message);
        }
    }

    /** The write for one record of a sink topic; throws for anything that must go to the DLQ. */
    public static TableWrite of(ConsumerRecord<byte[], byte[]> record, TableNames tables, Function<String, ServiceLevel> tiers) {
        String topic = record.topic();
        if (topic.equals(Topics.MESSAGES.name())) {
            if (record.value() == null) {
                throw new Rejected("tombstone on the history topic: history is never deleted");
            }
            HistoryMessage message = parse(Topics.MESSAGES, record);
            return put(tables.messages(), message.conversationId() + "|" + message.timestamp(), Items.of(message));
        }
        if (topic.equals(Topics.CUSTOMERS.name())) {
            String id = key(record);
            if (record.value() == null) {
                return delete(tables.customers(), id, Items.key("id", id));
            }
            Customer customer = parse(Topics.CUSTOMERS, record);
            requireKey(id, customer.id());
            ServiceLevel tier = tiers.apply(customer.serviceLevel());
            if (tier != null && !tier.violationsFor(customer).isEmpty()) {
                throw new Rejected(String.join("; ", tier.violationsFor(customer)));
            }
            return put(tables.customers(), id, Items.of(customer));
        }
        if (topic.equals(Topics.SERVICE_LEVELS.name())) {
            String level = key(record);
            if (record.value() == null) {
                return delete(tables.serviceLevels(), level, Items.key("level", level));
            }
            ServiceLevel serviceLevel = parse(Topics.SERVICE_LEVELS, record);
            requireKey(level, serviceLevel.level());
            return put(tables.serviceLevels(), level, Items.of(serviceLevel));
        }
        if (topic.equals(Topics.CONNECTIONS.name())) {
            String id = key(record);
            if (record.value() == null) {
                return delete(tables.connections(), id, Items.key("connectionId", id));
            }
            Connection connection = parse(Topics.CONNECTIONS, record);
            requireKey(id, connection.connectionId());
            return put(tables.connections(), id, Items.of(connection));
        }
        throw new Rejected("the sink does not read topic " + topic);
    }

    public static final List<Topic<?, ?>> TOPICS = List.of(Topics.MESSAGES, Topics.CUSTOMERS, Topics.SERVICE_LEVELS, Topics.CONNECTIONS);

    private static TableWrite put(String table, String key, Map<String, AttributeValue> item) {
        int bytes = ItemSize.of(item);
        if (bytes > ItemSize.LIMIT) {
            throw new Rejected("item of " + bytes + " bytes is over DynamoDB's 400 KB limit");
        }
        return new TableWrite(table, key, WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build(), bytes);
    }

    private static TableWrite delete(String table, String key, Map<String, AttributeValue> itemKey) {
        return new TableWrite(table, key, WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(itemKey).build()).build(), 0);
    }

    private static <V> V parse(Topic<String, V> topic, ConsumerRecord<byte[], byte[]> record) {
        return topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null) {
            throw new Rejected("record without a key");
        }
        return new String(record.key(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void requireKey(String key, String id) {
        if (!key.equals(id)) {
            throw new Rejected("record keyed " + key + " carries id " + id);
        }
    }
}
