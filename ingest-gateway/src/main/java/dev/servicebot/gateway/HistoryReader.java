package dev.servicebot.gateway;

import dev.servicebot.topics.model.HistoryMessage;
import dev.servicebot.topics.tables.Items;
import dev.servicebot.topics.tables.TableNames;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Conversation history from the messages table: a page of one conversation, a customer's own
 * messages through UserIdIndex, and everything since a moment (what a reconnecting client missed).
 */
public final class HistoryReader {
    private final DynamoDbClient dynamo;
    private final TableNames tables;

    /** Oldest first; {@code more} when an older page exists. */
    public record Page(List<HistoryMessage> messages, boolean more) {
    }

    public HistoryReader(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.tables = tables;
    }

    /** The newest {@code limit} messages before {@code before} (exclusive; null for the latest). */
    public Page conversation(String conversationId, int limit, String before) {
        return page(query(tables.messages(), null, "conversationId", conversationId, before, limit), limit);
    }

    /** The customer's own messages, newest page first, via UserIdIndex. */
    public Page byUser(String userId, int limit, String before) {
        return page(query(tables.messages(), TableNames.USER_ID_INDEX, "userId", userId, before, limit), limit);
    }

    /** Who started a conversation: the first customer message's author (empty for a conversation not seen yet). */
    public Optional<String> owner(String conversationId) {
        QueryResponse first = dynamo.query(QueryRequest.builder().tableName(tables.messages())
                .keyConditionExpression("conversationId = :c")
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(conversationId)))
                .consistentRead(true).limit(5).build());
        return first.items().stream().map(Items::historyMessage).filter(HistoryMessage::fromCustomer).map(HistoryMessage::userId).findFirst();
    }

    /**
     * Every message after {@code since} in the customer's conversations that were active since then,
     * plus {@code alsoConversation}: replies a client missed while disconnected.
     */
    public List<HistoryMessage> since(String customerId, String since, String alsoConversation) {
        QueryResponse mine = dynamo.query(QueryRequest.builder().tableName(tables.messages()).indexName(TableNames.USER_ID_INDEX)
                .keyConditionExpression("userId = :u AND #ts >= :since")
                .expressionAttributeNames(Map.of("#ts", "timestamp"))
                .expressionAttributeValues(Map.of(":u", AttributeValue.fromS(customerId), ":since", AttributeValue.fromS(since)))
                .limit(200).build());
        Set<String> conversations = new LinkedHashSet<>();
        mine.items().stream().map(Items::historyMessage).forEach(m -> conversations.add(m.conversationId()));
        if (alsoConversation != null) {
            conversations.add(alsoConversation);
        }
        List<HistoryMessage> missed = new ArrayList<>();
        for (String conversation : conversations) {
            QueryResponse after = dynamo.query(QueryRequest.builder().tableName(tables.messages())
                    .keyConditionExpression("conversationId = :c AND #ts > :since")
                    .expressionAttributeNames(Map.of("#ts", "timestamp"))
                    .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(conversation), ":since", AttributeValue.fromS(since)))
                    .consistentRead(true).limit(200).build());
            after.items().stream().map(Items::historyMessage)
                    .filter(m -> m.fromBot() || m.fromAgent() || customerId.equals(m.userId()))
                    .forEach(missed::add);
        }
        missed.sort((a, b) -> a.timestamp().compareTo(b.timestamp()));
        return missed;
    }

    private QueryResponse query(String table, String index, String keyName, String keyValue, String before, int limit) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":k", AttributeValue.fromS(keyValue)));
        String condition = keyName + " = :k";
        if (before != null) {
            condition += " AND #ts < :before";
            values.put(":before", AttributeValue.fromS(before));
        }
        QueryRequest.Builder request = QueryRequest.builder().tableName(table).indexName(index)
                .keyConditionExpression(condition)
                .expressionAttributeValues(values)
                .scanIndexForward(false)
                .limit(limit + 1); // one more tells whether an older page exists
        if (before != null) {
            request.expressionAttributeNames(Map.of("#ts", "timestamp"));
        }
        if (index == null) {
            request.consistentRead(true);
        }
        return dynamo.query(request.build());
    }

    /** The query asked for {@code limit + 1}: the extra item only says that an older page exists. */
    private static Page page(QueryResponse response, int limit) {
        List<HistoryMessage> newestFirst = response.items().stream().map(Items::historyMessage).toList();
        boolean more = newestFirst.size() > limit;
        List<HistoryMessage> items = new ArrayList<>(more ? newestFirst.subList(0, limit) : newestFirst);
        Collections.reverse(items);
        return new Page(items, more);
    }
}
