package dev.servicebot.processor.analytics;

import dev.servicebot.topics.CloudEvents;
import dev.servicebot.topics.JsonSerde;
import dev.servicebot.topics.Topic;
import dev.servicebot.topics.Topics;
import dev.servicebot.topics.model.ClaimTime;
import dev.servicebot.topics.model.DeniedRequestCount;
import dev.servicebot.topics.model.HandoffCount;
import dev.servicebot.topics.model.HandoffEvent;
import dev.servicebot.topics.model.HistoryMessage;
import dev.servicebot.topics.model.RequestTypeCount;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;
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
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.Stores;

/**
 * Counts customer requests from the history topic per hour of the message's own timestamp: denied
 * requests per service level × needed action (the upsell signal) and requests per request type;
 * and from the handoffs topic, handoffs per service level × reason and how long each support
 * priority waited for an agent (by the hour of the claim).
 * Each count update goes to a compacted topic keyed by hour and dimensions, so a dashboard reads
 * the latest value per key. Replayed history is skipped: it would count a request twice.
 *
 * <p>Each task first tallies its own partitions for a second ({@link HourlyTally}) and only then
 * sends the sums across the network to be added up, so the stream costs a few records per second
 * instead of one per message.
 */
public final class AnalyticsTopology {
    public static final Duration WINDOW = Duration.ofHours(1);
    static final String COMPONENT = "analytics";

    private AnalyticsTopology() {
    }

    public static Topology build() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, HistoryMessage> requests = builder
                .stream(Topics.MESSAGES.name(), Consumed.with(Topics.MESSAGES.keySerde(), Topics.MESSAGES.valueSerde()))
                .processValues(OriginalCustomerMessages::new);

        count(builder, requests, "denied-requests", Topics.DENIED_REQUESTS, DeniedRequestCount::count,
                message -> Boolean.FALSE.equals(message.allowed()) && message.serviceLevel() != null && message.requiredActions() != null
                        ? message.requiredActions().stream().map(action -> message.serviceLevel() + "|" + action).toList()
                        : List.of(),
                (start, end, dimensions, count) -> {
                    String[] levelAndAction = dimensions.split("\\|", 2);
                    return new DeniedRequestCount(start, end, levelAndAction[0], levelAndAction[1], count);
                });
        count(builder, requests, "request-types", Topics.REQUEST_TYPES, RequestTypeCount::count,
                message -> List.of(message.requestType() == null ? RequestTypeCount.UNRECOGNIZED : message.requestType().wireName()),
                RequestTypeCount::new);
        handoffs(builder);
        return builder.build();
    }

    /** Handoffs are few (people answer them), so each step is counted as it comes, without a tally. */
    private static void handoffs(StreamsBuilder builder) {
        KStream<String, HandoffEvent> steps = builder
                .stream(Topics.HANDOFFS.name(), Consumed.with(Topics.HANDOFFS.keySerde(), Topics.HANDOFFS.valueSerde()));
        steps.filter((conversation, e) -> e != null && e.kind() == HandoffEvent.Kind.requested && e.reason() != null)
                .map((conversation, e) -> KeyValue.pair(hourOf(e.requestedAt()) + "|" + level(e) + "|" + e.reason().name(), 1L))
                .groupByKey(Grouped.with("handoff-counts", Serdes.String(), Serdes.Long()))
                .reduce(Long::sum, Materialized.as("handoff-counts"))
                .toStream()
                .map((key, count) -> {
                    String[] parts = key.split("\\|", 3);
                    return KeyValue.pair(key, new HandoffCount(parts[0], end(parts[0]), parts[1], parts[2], count));
                })
                .processValues(() -> new EventHeaders<>(Topics.HANDOFF_COUNTS, HandoffCount::count))
                .to(Topics.HANDOFF_COUNTS.name(), Produced.with(Topics.HANDOFF_COUNTS.keySerde(), Topics.HANDOFF_COUNTS.valueSerde()));

        steps.filter((conversation, e) -> e != null && e.kind() == HandoffEvent.Kind.claimed && e.requestedAt() != null)
                .map((conversation, e) -> KeyValue.pair(hourOf(e.timestamp()) + "|" + (e.priority() == null ? UNKNOWN : e.priority()), e))
                .groupByKey(Grouped.with("claim-times", Serdes.String(), Topics.HANDOFFS.valueSerde()))
                .aggregate(() -> null, (key, claim, sum) -> add(key, sum, claim),
                        Materialized.with(Serdes.String(), new JsonSerde<>(ClaimTime.class)))
                .toStream()
                .processValues(() -> new EventHeaders<>(Topics.CLAIM_TIMES, ClaimTime::count))
                .to(Topics.CLAIM_TIMES.name(), Produced.with(Topics.CLAIM_TIMES.keySerde(), Topics.CLAIM_TIMES.valueSerde()));
    }

    private static final String UNKNOWN = "unknown";

    private static String level(HandoffEvent e) {
        return e.serviceLevel() == null ? UNKNOWN : e.serviceLevel();
    }

    /** One more claim in an hour's wait times. */
    private static ClaimTime add(String key, ClaimTime sum, HandoffEvent claim) {
        double waited = Math.max(0, Duration.between(Instant.parse(claim.requestedAt()), Instant.parse(claim.timestamp())).toMillis() / 1000.0);
        boolean late = claim.targetSeconds() != null && waited > claim.targetSeconds();
        String[] parts = key.split("\\|", 2);
        return sum == null
                ? new ClaimTime(parts[0], end(parts[0]), parts[1], 1, waited, waited, late ? 1 : 0)
                : new ClaimTime(sum.windowStart(), sum.windowEnd(), sum.priority(), sum.count() + 1, sum.totalSeconds() + waited,
                Math.max(sum.maxSeconds(), waited), sum.overTarget() + (late ? 1 : 0));
    }

    private static String hourOf(String timestamp) {
        return Instant.parse(timestamp).truncatedTo(ChronoUnit.HOURS).toString();
    }

    private static String end(String windowStart) {
        return Instant.parse(windowStart).plus(WINDOW).toString();
    }

    /** What a count becomes on its topic. */
    private interface CountRecord<V> {
        V of(String windowStart, String windowEnd, String dimensions, long count);
    }

    /** The hour a message belongs to, as the start of that hour. */
    static String hourOf(HistoryMessage message) {
        return Instant.parse(message.timestamp()).truncatedTo(ChronoUnit.HOURS).toString();
    }

    private static <V> void count(StreamsBuilder builder, KStream<String, HistoryMessage> requests, String name, Topic<String, V> topic,
                                  ToLongFunction<V> countOf, Function<HistoryMessage, List<String>> dimensions, CountRecord<V> toRecord) {
        String tally = name + "-tally";
        // Cached: the changelog gets a key's tally once per commit, not once per message.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(tally), Serdes.String(), Serdes.Long()).withCachingEnabled());
        requests.process(() -> new HourlyTally(tally, message -> dimensions.apply(message).stream()
                                .map(d -> hourOf(message) + "|" + d).toList()), tally)
                .groupByKey(Grouped.with(name, Serdes.String(), Serdes.Long()))
                .reduce(Long::sum, Materialized.as(name))
                .toStream()
                .map((hourAndDimensions, count) -> {
                    String[] parts = hourAndDimensions.split("\\|", 2);
                    String end = Instant.parse(parts[0]).plus(WINDOW).toString();
                    return KeyValue.pair(hourAndDimensions, toRecord.of(parts[0], end, parts[1], count));
                })
                .processValues(() -> new EventHeaders<>(topic, countOf))
                .to(topic.name(), Produced.with(topic.keySerde(), topic.valueSerde()));
    }

    /** Only customers' messages as first written and decided by the bot: not the bot's or agents', not replays, not handed off. */
    private static final class OriginalCustomerMessages implements FixedKeyProcessor<String, HistoryMessage, HistoryMessage> {
        private FixedKeyProcessorContext<String, HistoryMessage> context;

        @Override
        public void init(FixedKeyProcessorContext<String, HistoryMessage> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, HistoryMessage> record) {
            HistoryMessage message = record.value();
            // Messages written while a person had the conversation were not the bot's to decide.
            if (message != null && message.fromCustomer() && record.headers().lastHeader(Topics.REPLAY_HEADER) == null
                    && record.headers().lastHeader(Topics.HANDOFF_HEADER) == null) {
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
            // Hour, dimensions and count identify one update; the same update computed again has the same id.
            String id = record.key() + "#" + countOf.applyAsLong(record.value());
            CloudEvents.replace(record.headers(), topic, COMPONENT, id, Instant.now());
            context.forward(record);
        }
    }
}
