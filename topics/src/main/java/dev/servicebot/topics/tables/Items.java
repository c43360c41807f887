package dev.servicebot.topics.tables;

import dev.servicebot.topics.model.Connection;
import dev.servicebot.topics.model.Customer;
import dev.servicebot.topics.model.Device;
import dev.servicebot.topics.model.HistoryMessage;
import dev.servicebot.topics.model.RequestType;
import dev.servicebot.topics.model.ServiceLevel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The records of the contract as DynamoDB items, with the data model's attribute names and types
 * (devices as a list of maps, {@code max_devices} and {@code ttl} as numbers). Optional fields
 * that are absent stay absent rather than being written as NULL.
 */
public final class Items {
    private Items() {
    }

    public static Map<String, AttributeValue> of(Customer customer) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("id", s(customer.id()));
        item.put("name", s(customer.name()));
        item.put("service_level", s(customer.serviceLevel()));
        item.put("devices", AttributeValue.fromL(customer.devices().stream()
                .map(d -> AttributeValue.fromM(Map.of("id", s(d.id()), "type", s(d.type()), "location", s(d.location()))))
                .toList()));
        return item;
    }

    public static Customer customer(Map<String, AttributeValue> item) {
        List<Device> devices = item.containsKey("devices")
                ? item.get("devices").l().stream().map(AttributeValue::m)
                    .map(m -> new Device(str(m, "id"), str(m, "type"), str(m, "location"))).toList()
                : List.of();
        return new Customer(str(item, "id"), str(item, "name"), str(item, "service_level"), devices);
    }

    public static Map<String, AttributeValue> of(ServiceLevel level) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("level", s(level.level()));
        item.put("allowed_actions", strings(level.allowedActions()));
        item.put("max_devices", AttributeValue.fromN(Integer.toString(level.maxDevices())));
        item.put("support_priority", s(level.supportPriority()));
        return item;
    }

    public static ServiceLevel serviceLevel(Map<String, AttributeValue> item) {
        return new ServiceLevel(str(item, "level"), strings(item, "allowed_actions"),
                Integer.valueOf(item.get("max_devices").n()), str(item, "support_priority"));
    }

    public static Map<String, AttributeValue> of(HistoryMessage message) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("conversationId", s(message.conversationId()));
        item.put("timestamp", s(message.timestamp()));
        item.put("userId", s(message.userId()));
        item.put("text", s(message.text()));
        if (message.requestType() != null) {
            item.put("requestType", s(message.requestType().wireName()));
        }
        if (message.requiredActions() != null) {
            item.put("requiredActions", strings(message.requiredActions()));
        }
        if (message.allowed() != null) {
            item.put("allowed", AttributeValue.fromBool(message.allowed()));
        }
        if (message.messageId() != null) {
            item.put("messageId", s(message.messageId()));
        }
        if (message.inReplyTo() != null) {
            item.put("inReplyTo", s(message.inReplyTo()));
        }
        if (message.serviceLevel() != null) {
            item.put("serviceLevel", s(message.serviceLevel()));
        }
        return item;
    }

    public static HistoryMessage historyMessage(Map<String, AttributeValue> item) {
        return new HistoryMessage(str(item, "conversationId"), str(item, "timestamp"), str(item, "userId"), str(item, "text"),
                str(item, "requestType") == null || str(item, "requestType").isBlank() ? null : RequestType.of(str(item, "requestType")),
                item.containsKey("requiredActions") ? strings(item, "requiredActions") : null,
                item.containsKey("allowed") ? item.get("allowed").bool() : null,
                str(item, "messageId"), str(item, "inReplyTo"), str(item, "serviceLevel"));
    }

    public static Map<String, AttributeValue> of(Connection connection) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("connectionId", s(connection.connectionId()));
        item.put("userId", s(connection.userId()));
        item.put("connectionTime", s(connection.connectionTime()));
        item.put("ttl", AttributeValue.fromN(Long.toString(connection.ttl())));
        if (connection.gatewayId() != null) {
            item.put("gatewayId", s(connection.gatewayId()));
        }
        if (connection.deliveryUrl() != null) {
            item.put("deliveryUrl", s(connection.deliveryUrl()));
        }
        return item;
    }

    public static Connection connection(Map<String, AttributeValue> item) {
        return new Connection(str(item, "connectionId"), str(item, "userId"), str(item, "connectionTime"),
                Long.valueOf(item.get("ttl").n()), str(item, "gatewayId"), str(item, "deliveryUrl"));
    }

    /** The primary key of a record's item, for deletes. */
    public static Map<String, AttributeValue> key(String attribute, String value) {
        return Map.of(attribute, s(value));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue strings(List<String> values) {
        return AttributeValue.fromL(values.stream().map(Items::s).toList());
    }

    private static List<String> strings(Map<String, AttributeValue> item, String name) {
        return item.get(name).l().stream().map(AttributeValue::s).toList();
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
