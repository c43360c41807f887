package dev.servicebot.gateway;

import dev.servicebot.topics.model.HistoryMessage;
import dev.servicebot.topics.tables.Items;
import dev.servicebot.topics.tables.TableNames;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Conversation history from the messages table: a page of one conversation, a customer's own
 * messages through UserIdIndex, and a conversation after a moment (what a reconnecting client missed).
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
                .consistentRead(true).limit(5).overrideConfiguration(ReadDeadline.PERSON_WAITING).build());
        return first.items().stream().map(Items::historyMessage).filter(HistoryMessage::fromCustomer).map(HistoryMessage::userId).findFirst();
    }

    /**
     * What a reconnecting client missed: the conversation's messages after {@code after} (exclusive;
     * null for its start), oldest first, at most {@code limit}; {@code more} when newer ones remain
     * (ask again after the last one returned).
     */
    public Page after(String conversationId, String after, int limit) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":c", AttributeValue.fromS(conversationId)));
        QueryRequest.Builder request = QueryRequest.builder().tableName(tables.messages())
                .keyConditionExpression("conversationId = :c" + (after == null ? "" : " AND #ts > :after"))
                .consistentRead(true)
                .scanIndexForward(true)
                .limit(limit + 1); // one more tells whether a newer page exists
        if (after != null) {
            values.put(":after", AttributeValue.fromS(after));
            request.expressionAttributeNames(Map.of("#ts", "timestamp"));
        }
        QueryResponse response = dynamo.query(request.expressionAttributeValues(values).overrideConfiguration(ReadDeadline.PERSON_WAITING).build());
        List<HistoryMessage> oldestFirst = response.items().stream().map(Items::historyMessage).toList();
        // DynamoDB also stops at 1 MB of items: then it returns fewer, with a key to go on from.
        boolean more = oldestFirst.size() > limit || (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty());
        return new Page(more ? oldestFirst.subList(0, limit) : oldestFirst, more);
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
        return dynamo.query(request.overrideConfiguration(ReadDeadline.PERSON_WAITING).build());
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
