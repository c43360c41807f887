package dev.servicebot.cli.ops;

import dev.servicebot.sink.BatchWriter;
import dev.servicebot.sink.TableWrite;
import dev.servicebot.topics.InvalidRecordException;
import dev.servicebot.topics.Topic;
import dev.servicebot.topics.Topics;
import dev.servicebot.topics.tables.TableNames;
import dev.servicebot.topics.tables.TablesAdmin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Re-materializes a DynamoDB table from the topic it is made of, with the sink's own record-to-item
 * rules: the history topic (kept forever) gives back every message; the compacted topics give the
 * latest customers, service levels and connections. Writes are idempotent puts, so running it on a
 * table that still has items only rewrites them. Next to a running sink, a change the sink writes during
 * the rebuild can be overwritten by the older value read here (harmless for history, which never changes).
 */
public final class TableRebuild {

    /** The tables that can be rebuilt, each with the topic it comes from. */
    public enum Table {
        MESSAGES("messages", Topics.MESSAGES),
        CUSTOMERS("customers", Topics.CUSTOMERS),
        SERVICE_LEVELS("service-levels", Topics.SERVICE_LEVELS),
        CONNECTIONS("connections", Topics.CONNECTIONS);

        public final String option;
        public final Topic<?, ?> topic;

        Table(String option, Topic<?, ?> topic) {
            this.option = option;
            this.topic = topic;
        }

        public static Table of(String option) {
            for (Table table : values()) {
                if (table.option.equals(option)) {
                    return table;
                }
            }
            throw new IllegalArgumentException("no table '" + option + "' (choose messages, customers, service-levels or connections)");
        }
    }

    /** @param skipped records the sink would also refuse (they are in the DLQ already) */
    public record Result(Table table, long records, long written, long skipped) {
    }

    private final String bootstrapServers;
    private final DynamoDbClient dynamo;
    private final TableNames names;

    public TableRebuild(String bootstrapServers, DynamoDbClient dynamo, TableNames names) {
        this.bootstrapServers = bootstrapServers;
        this.dynamo = dynamo;
        this.names = names;
    }

    public TopicRange range(Table table) {
        return TopicRange.whole(bootstrapServers, table.topic.name());
    }

    /** Creates the table if it is missing, then writes every record of the range to it. */
    public Result run(Table table, TopicRange range, LongConsumer progress) {
        new TablesAdmin(dynamo, names).ensure();
        BatchWriter writer = new BatchWriter(dynamo, new SimpleMeterRegistry());
        // One batch holds one write per item (DynamoDB refuses two for the same key); the later record wins.
        Map<String, BatchWriter.Pending<Void>> batch = new LinkedHashMap<>();
        AtomicLong records = new AtomicLong();
        AtomicLong written = new AtomicLong();
        AtomicLong skipped = new AtomicLong();
        range.read(bootstrapServers, record -> {
            try {
                TableWrite write = TableWrite.of(record, names, level -> null);
                batch.remove(write.key());
                batch.put(write.key(), new BatchWriter.Pending<>(write, null));
            } catch (TableWrite.Rejected | InvalidRecordException refused) {
                skipped.incrementAndGet(); // the sink set it aside too: it is in the DLQ
            }
            if (batch.size() == BatchWriter.MAX_BATCH) {
                written.addAndGet(flush(writer, batch));
            }
            progress.accept(records.incrementAndGet());
        });
        written.addAndGet(flush(writer, batch));
        return new Result(table, records.get(), written.get(), skipped.get());
    }

    private static long flush(BatchWriter writer, Map<String, BatchWriter.Pending<Void>> batch) {
        List<BatchWriter.Pending<Void>> writes = new ArrayList<>(batch.values());
        batch.clear();
        var refused = writer.write(writes, () -> { });
        if (!refused.isEmpty()) {
            throw new IllegalStateException("DynamoDB refused " + refused.size() + " items: " + refused.get(0).error().getMessage());
        }
        return writes.size();
    }
}
