package dev.servicebot.processor;

import dev.servicebot.topics.JsonSerde;
import dev.servicebot.topics.Topics;
import dev.servicebot.topics.model.Customer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * inbound messages + customer commands + agents' handoff commands (co-partitioned by customer id) →
 * {@link CustomerProcessor}, with the service levels as a GlobalKTable → history, replies, customers,
 * device commands, handoff events, DLQ.
 */
public final class ProcessorTopology {
    public static final String CUSTOMERS_STORE = "customers";
    public static final String CONVERSATIONS_STORE = "conversations";
    public static final String SERVICE_LEVELS_STORE = "service-levels";

    private ProcessorTopology() {
    }

    public static Topology build(Bot bot) {
        return build(() -> bot);
    }

    /** With a bot that may still be loading: tasks ask for it when they are created, after the group is joined. */
    public static Topology build(java.util.function.Supplier<Bot> bot) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.globalTable(Topics.SERVICE_LEVELS.name(),
                Consumed.with(Topics.SERVICE_LEVELS.keySerde(), Topics.SERVICE_LEVELS.valueSerde()),
                Materialized.<String, dev.servicebot.topics.model.ServiceLevel, KeyValueStore<Bytes, byte[]>>as(SERVICE_LEVELS_STORE));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CUSTOMERS_STORE),
                Serdes.String(), new JsonSerde<>(Customer.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CONVERSATIONS_STORE),
                Serdes.String(), new JsonSerde<>(ConversationContext.class)));

        KStream<String, CustomerEvent> messages = builder
                .stream(Topics.INBOUND.name(), Consumed.with(Topics.INBOUND.keySerde(), Topics.INBOUND.valueSerde()))
                .mapValues(CustomerEvent::of);
        KStream<String, CustomerEvent> commands = builder
                .stream(Topics.CUSTOMER_COMMANDS.name(), Consumed.with(Topics.CUSTOMER_COMMANDS.keySerde(), Topics.CUSTOMER_COMMANDS.valueSerde()))
                .mapValues(CustomerEvent::of);
        KStream<String, CustomerEvent> handoffs = builder
                .stream(Topics.HANDOFF_COMMANDS.name(), Consumed.with(Topics.HANDOFF_COMMANDS.keySerde(), Topics.HANDOFF_COMMANDS.valueSerde()))
                .mapValues(CustomerEvent::of);
        messages.merge(commands).merge(handoffs)
                .process(() -> new CustomerProcessor(bot.get()), CUSTOMERS_STORE, CONVERSATIONS_STORE)
                .to((key, value, context) -> value.topicName(), Produced.with(Serdes.String(), Emitted.SERDE));
        return builder.build();
    }
}
