package dev.servicebot.processor.analytics;

import dev.servicebot.topics.model.HistoryMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Counts what this task's partitions saw per key, and once a second sends each key's count since
 * the last send downstream (where the tasks' tallies are added up). The tally lives in a state
 * store, so under exactly-once a crash neither loses nor repeats a count.
 */
final class HourlyTally implements Processor<String, HistoryMessage, String, Long> {
    static final Duration FLUSH = Duration.ofSeconds(1);
    private final String storeName;
    private final Function<HistoryMessage, List<String>> keys;
    private ProcessorContext<String, Long> context;
    private KeyValueStore<String, Long> tally;

    HourlyTally(String storeName, Function<HistoryMessage, List<String>> keys) {
        this.storeName = storeName;
        this.keys = keys;
    }

    @Override
    public void init(ProcessorContext<String, Long> context) {
        this.context = context;
        this.tally = context.getStateStore(storeName);
        context.schedule(FLUSH, PunctuationType.WALL_CLOCK_TIME, this::flush);
    }

    @Override
    public void process(Record<String, HistoryMessage> record) {
        for (String key : keys.apply(record.value())) {
            Long seen = tally.get(key);
            tally.put(key, seen == null ? 1 : seen + 1);
        }
    }

    private void flush(long now) {
        List<KeyValue<String, Long>> counted = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = tally.all()) {
            all.forEachRemaining(counted::add);
        }
        for (KeyValue<String, Long> entry : counted) {
            context.forward(new Record<>(entry.key, entry.value, now, new RecordHeaders()));
            tally.delete(entry.key);
        }
    }
}
