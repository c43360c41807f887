package dev.servicebot.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicebot.topics.Json;
import dev.servicebot.topics.model.Connection;
import dev.servicebot.topics.model.Customer;
import dev.servicebot.topics.model.HistoryMessage;
import dev.servicebot.topics.model.RequestType;
import dev.servicebot.topics.model.ServiceLevel;
import dev.servicebot.topics.tables.Items;
import dev.servicebot.topics.tables.TableNames;
import dev.servicebot.topics.tables.TablesAdmin;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** The four tables of the data model, on the real DynamoDB API (dynalite). */
@ExtendWith(DevStackExtension.class)
class TablesTest {

    @Test
    void theFourTablesExistWithTheDataModelsKeysAndIndexes(DevStack stack) {
        TableNames names = stack.tables();
        assertThat(new TablesAdmin(stack.dynamo(), names).existingTables()).containsAll(names.all());
        assertThat(names.all()).containsExactly("test-customers", "test-service-levels", "test-messages", "test-connections");

        assertThat(keys(describe(stack, names.customers()))).containsExactly("id:HASH");
        assertThat(keys(describe(stack, names.serviceLevels()))).containsExactly("level:HASH");
        TableDescription messages = describe(stack, names.messages());
        assertThat(keys(messages)).containsExactly("conversationId:HASH", "timestamp:RANGE");
        assertThat(messages.globalSecondaryIndexes()).singleElement().satisfies(gsi -> {
            assertThat(gsi.indexName()).isEqualTo("UserIdIndex");
            assertThat(gsi.keySchema()).extracting(k -> k.attributeName() + ":" + k.keyType())
                    .containsExactly("userId:HASH", "timestamp:RANGE");
        });
        TableDescription connections = describe(stack, names.connections());
        assertThat(keys(connections)).containsExactly("connectionId:HASH");
        assertThat(connections.globalSecondaryIndexes()).extracting(g -> g.indexName()).containsExactly("UserIdIndex");
    }

    @Test
    void creatingTablesAgainChangesNothing(DevStack stack) {
        assertThat(new TablesAdmin(stack.dynamo(), stack.tables()).ensure()).isEmpty();
    }

    @Test
    void theDataModelsExampleRecordsAreWrittenAndReadBack(DevStack stack) throws Exception {
        var dynamo = stack.dynamo();
        TableNames names = stack.tables();

        Customer customer = Json.parse(resource("customer.json"), Customer.class);
        dynamo.putItem(b -> b.tableName(names.customers()).item(Items.of(customer)));
        Map<String, AttributeValue> customerItem = dynamo.getItem(b -> b.tableName(names.customers())
                .key(Items.key("id", "cust_001")).consistentRead(true)).item();
        // devices is a list of maps, attribute by attribute as in the data model.
        assertThat(customerItem.get("devices").l()).singleElement().satisfies(d -> assertThat(d.m()).isEqualTo(Map.of(
                "id", AttributeValue.fromS("dev_001"),
                "type", AttributeValue.fromS("SmartSpeaker"),
                "location", AttributeValue.fromS("living_room"))));
        assertThat(customerItem.get("service_level").s()).isEqualTo("basic");
        assertThat(Items.customer(customerItem)).isEqualTo(customer);

        ServiceLevel premium = Json.parse(resource("service-level.json"), ServiceLevel.class);
        dynamo.putItem(b -> b.tableName(names.serviceLevels()).item(Items.of(premium)));
        var levelItem = dynamo.getItem(b -> b.tableName(names.serviceLevels()).key(Items.key("level", "premium"))).item();
        assertThat(levelItem.get("max_devices").n()).isEqualTo("3");
        assertThat(Items.serviceLevel(levelItem)).isEqualTo(premium);

        HistoryMessage message = Json.parse(resource("message.json"), HistoryMessage.class);
        dynamo.putItem(b -> b.tableName(names.messages()).item(Items.of(message)));
        HistoryMessage reply = new HistoryMessage("conv_123", "2023-03-01T14:30:45.124Z", HistoryMessage.BOT,
                "Moving devices is part of Premium.", RequestType.of("device_relocation"), List.of("device_relocation"), false, "m1-r", "m1");
        dynamo.putItem(b -> b.tableName(names.messages()).item(Items.of(reply)));
        var messageItem = dynamo.getItem(b -> b.tableName(names.messages()).key(Map.of(
                "conversationId", AttributeValue.fromS("conv_123"), "timestamp", AttributeValue.fromS("2023-03-01T14:30:45.123Z")))).item();
        assertThat(messageItem.get("allowed").bool()).isFalse();
        assertThat(messageItem.get("requiredActions").l()).extracting(AttributeValue::s).containsExactly("device_relocation");
        assertThat(Items.historyMessage(messageItem)).isEqualTo(message);

        // Get Customer Message History: the UserIdIndex GSI, by userId and timestamp range.
        var byUser = dynamo.query(b -> b.tableName(names.messages()).indexName(TableNames.USER_ID_INDEX)
                .keyConditionExpression("userId = :u AND #ts BETWEEN :from AND :to")
                .expressionAttributeNames(Map.of("#ts", "timestamp"))
                .expressionAttributeValues(Map.of(":u", AttributeValue.fromS("cust_001"),
                        ":from", AttributeValue.fromS("2023-03-01T00:00:00Z"), ":to", AttributeValue.fromS("2023-03-02T00:00:00Z"))));
        assertThat(byUser.items()).extracting(Items::historyMessage).containsExactly(message);
        // Get Conversation History: both messages, the reply right after the message.
        var conversation = dynamo.query(b -> b.tableName(names.messages())
                .keyConditionExpression("conversationId = :c")
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS("conv_123"))));
        assertThat(conversation.items()).extracting(Items::historyMessage).containsExactly(message, reply);

        Connection connection = Json.parse(resource("connection.json"), Connection.class);
        dynamo.putItem(b -> b.tableName(names.connections()).item(Items.of(connection)));
        var connectionItem = dynamo.getItem(b -> b.tableName(names.connections()).key(Items.key("connectionId", "ABC123"))).item();
        assertThat(connectionItem.get("ttl").n()).isEqualTo("1677765000");
        assertThat(Items.connection(connectionItem)).isEqualTo(connection);
        // Get Active Connection: lookup by userId.
        var active = dynamo.query(b -> b.tableName(names.connections()).indexName(TableNames.USER_ID_INDEX)
                .keyConditionExpression("userId = :u").expressionAttributeValues(Map.of(":u", AttributeValue.fromS("cust_001"))));
        assertThat(active.items()).extracting(Items::connection).contains(connection);
    }

    private static TableDescription describe(DevStack stack, String table) {
        return stack.dynamo().describeTable(b -> b.tableName(table)).table();
    }

    private static List<String> keys(TableDescription table) {
        return table.keySchema().stream().map(k -> k.attributeName() + ":" + (k.keyType() == KeyType.HASH ? "HASH" : "RANGE")).toList();
    }

    private static byte[] resource(String name) throws Exception {
        try (var in = TablesTest.class.getResourceAsStream("/data-model-examples/" + name)) {
            return in.readAllBytes();
        }
    }
}
