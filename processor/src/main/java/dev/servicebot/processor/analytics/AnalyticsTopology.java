package dev.servicebot.processor.analytics;

import dev.servicebot.topics.CloudEvents;
import dev.servicebot.topics.Topic;
import dev.servicebot.topics.Topics;
import dev.servicebot.topics.model.DeniedRequestCount;
import dev.servicebot.topics.model.HistoryMessage;
import dev.servicebot.topics.model.RequestTypeCount;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Counts customer requests from the history topic in hourly windows of the message's own time:
 * denied requests per service level × needed action (the upsell signal) and requests per request
 * type. Each count update goes to a compacted topic keyed by window and dimensions, so a dashboard
 * reads the latest value per key. Replayed history is skipped: it would count a request twice.
 */
public final class AnalyticsTopology {
    public static final Duration WINDOW = Duration.ofHours(1);
    /** Messages up to this late still count in their hour; later ones are dropped by Kafka Streams. */
    public static final Duration GRACE = Duration.ofHours(1);
    static final String COMPONENT = "analytics";

    private AnalyticsTopology() {
    }

    public static Topology build() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, HistoryMessage> requests = builder
                .stream(Topics.MESSAGES.name(), Consumed.with(Topics.MESSAGES.keySerde(), Topics.MESSAGES.valueSerde())
                        .withTimestampExtractor(new MessageTime()))
                .processValues(OriginalCustomerMessages::new);

        count(requests.flatMap((conversation, message) -> Boolean.FALSE.equals(message.allowed()) && message.serviceLevel() != null
                        && message.requiredActions() != null
                        ? message.requiredActions().stream().map(a -> KeyValue.pair(message.serviceLevel() + "|" + a, message.messageId())).toList()
                        : List.<KeyValue<String, String>>of()),
                "denied-requests", Topics.DENIED_REQUESTS, DeniedRequestCount::count, (start, end, key, count) -> {
                    String[] levelAndAction = key.split("\\|", 2);
                    return new DeniedRequestCount(start, end, levelAndAction[0], levelAndAction[1], count);
                });
        count(requests.map((conversation, message) -> KeyValue.pair(
                        message.requestType() == null ? RequestTypeCount.UNRECOGNIZED : message.requestType().wireName(), message.messageId())),
                "request-types", Topics.REQUEST_TYPES, RequestTypeCount::count, RequestTypeCount::new);
        return builder.build();
    }

    /** What a count becomes on its topic. */
    private interface CountRecord<V> {
        V of(String windowStart, String windowEnd, String key, long count);
    }

    private static <V> void count(KStream<String, String> keyed, String name, Topic<String, V> topic, ToLongFunction<V> countOf,
                                  CountRecord<V> toRecord) {
        keyed.groupByKey(Grouped.with(name, Serdes.String(), Serdes.String()))
                .windowedBy(TimeWindows.ofSizeAndGrace(WINDOW, GRACE))
                .count(Materialized.as(name))
                .toStream()
                .map((Windowed<String> window, Long count) -> {
                    String start = window.window().startTime().toString();
                    return KeyValue.pair(start + "|" + window.key(), toRecord.of(start, window.window().endTime().toString(), window.key(), count));
                })
                .processValues(() -> new EventHeaders<>(topic, countOf))
                .to(topic.name(), Produced.with(topic.keySerde(), topic.valueSerde()));
    }

    /** Only customers' messages as first written: not the bot's, not replays. */
    private static final class OriginalCustomerMessages implements FixedKeyProcessor<String, HistoryMessage, HistoryMessage> {
        private FixedKeyProcessorContext<String, HistoryMessage> context;

        @Override
        public void init(FixedKeyProcessorContext<String, HistoryMessage> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, HistoryMessage> record) {
            HistoryMessage message = record.value();
            if (message != null && !message.fromBot() && record.headers().lastHeader(Topics.REPLAY_HEADER) == null) {
                context.forward(record);
            }
        }
    }

    /** Each count update is an event of its own: its CloudEvents headers replace whatever the input carried. */
    private static final class EventHeaders<V> implements FixedKeyProcessor<String, V, V> {
        private final Topic<String, V> topic;
        private final ToLongFunction<V> countOf;
        private FixedKeyProcessorContext<String, V> context;

        EventHeaders(Topic<String, V> topic, ToLongFunction<V> countOf) {
            this.topic = topic;
            this.countOf = countOf;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, V> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, V> record) {
            for (Header header : record.headers().toArray()) {
                record.headers().remove(header.key());
            }
            // Window, dimensions and count identify one update; the same update computed again has the same id.
            String id = record.key() + "#" + countOf.applyAsLong(record.value());
            CloudEvents.replace(record.headers(), topic, COMPONENT, id, Instant.now());
            context.forward(record);
        }
    }
}
