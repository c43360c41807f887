package dev.servicebot.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicebot.devstack.DevStack;
import dev.servicebot.devstack.DevStackExtension;
import dev.servicebot.devstack.TopicReader;
import dev.servicebot.topics.DeadLetter;
import dev.servicebot.topics.Topics;
import dev.servicebot.topics.model.Customer;
import dev.servicebot.topics.model.DeviceCommand;
import dev.servicebot.topics.model.HistoryMessage;
import dev.servicebot.topics.model.InboundMessage;
import dev.servicebot.topics.model.Reply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The real topology on the devstack broker: inbound in; history, replies, customers, device commands and DLQ out. */
@ExtendWith(DevStackExtension.class)
class ProcessorIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void messagesFlowEndToEndThroughTheRealBroker(DevStack stack, @TempDir Path state) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (ProcessorApp app = ProcessorApp.start(ProcessorApp.streamsConfig("processor-it-" + run, stack.bootstrapServers(), state))) {
            long deadline = System.currentTimeMillis() + 60_000;
            while (app.state() != KafkaStreams.State.RUNNING && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);

            String conversation = "conv-it-" + run;
            InboundMessage status = message(run + "-1", conversation, "Is my bedroom speaker online?");
            InboundMessage move = message(run + "-2", conversation, "move it to the kitchen");
            InboundMessage music = message(run + "-3", conversation, "play some jazz on the kitchen display");
            try (var producer = new KafkaProducer<>(stack.producerConfig(), new StringSerializer(), new ByteArraySerializer())) {
                send(producer, status);
                producer.send(new ProducerRecord<>(Topics.INBOUND.name(), "cust_002", "{poison".getBytes(StandardCharsets.UTF_8))).get();
                send(producer, move);
                send(producer, music);
            }

            List<Reply> replies = TopicReader.readUntil(stack.bootstrapServers(), Topics.REPLIES.name(), new StringDeserializer(),
                    Topics.REPLIES.valueSerde().deserializer(), read -> ours(read, conversation).size() >= 3, WAIT)
                    .stream().map(ConsumerRecord::value).filter(r -> r.conversationId().equals(conversation)).toList();
            assertThat(replies).extracting(Reply::inReplyTo).containsExactly(status.messageId(), move.messageId(), music.messageId());
            assertThat(replies.get(1).text()).contains("smart speaker").contains("from the bedroom to the kitchen");

            List<HistoryMessage> history = TopicReader.readUntil(stack.bootstrapServers(), Topics.MESSAGES.name(), new StringDeserializer(),
                    Topics.MESSAGES.valueSerde().deserializer(), read -> read.stream().filter(r -> conversation.equals(r.key())).count() >= 6, WAIT)
                    .stream().filter(r -> conversation.equals(r.key())).map(ConsumerRecord::value).toList();
            assertThat(history).hasSize(6);
            assertThat(history).extracting(HistoryMessage::userId).containsExactly("cust_002", "bot", "cust_002", "bot", "cust_002", "bot");

            List<ConsumerRecord<String, Customer>> customers = TopicReader.readUntil(stack.bootstrapServers(), Topics.CUSTOMERS.name(),
                    new StringDeserializer(), Topics.CUSTOMERS.valueSerde().deserializer(),
                    read -> read.stream().anyMatch(r -> r.value() != null && "kitchen".equals(
                            r.value().device("dev_002").map(d -> d.location()).orElse(null))), WAIT);
            assertThat(customers).filteredOn(r -> "cust_002".equals(r.key())).last()
                    .satisfies(r -> assertThat(r.value().device("dev_002").orElseThrow().location()).isEqualTo("kitchen"));

            List<DeviceCommand> commands = TopicReader.readUntil(stack.bootstrapServers(), Topics.DEVICE_COMMANDS.name(),
                    new StringDeserializer(), Topics.DEVICE_COMMANDS.valueSerde().deserializer(),
                    read -> read.stream().anyMatch(r -> r.value().inReplyTo().equals(music.messageId())), WAIT)
                    .stream().map(ConsumerRecord::value).filter(c -> c.inReplyTo().equals(music.messageId())).toList();
            assertThat(commands).singleElement().satisfies(c -> {
                assertThat(c.deviceId()).isEqualTo("dev_003");
                assertThat(c.parameters()).containsEntry("query", "jazz");
            });

            List<ConsumerRecord<byte[], byte[]>> dead = TopicReader.readUntil(stack.bootstrapServers(), Topics.DLQ.name(),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                    read -> read.stream().anyMatch(r -> new String(r.value(), StandardCharsets.UTF_8).equals("{poison")), WAIT);
            assertThat(dead).filteredOn(r -> new String(r.value(), StandardCharsets.UTF_8).equals("{poison")).singleElement().satisfies(r -> {
                assertThat(DeadLetter.header(r.headers(), DeadLetter.SOURCE_TOPIC)).isEqualTo(Topics.INBOUND.name());
                assertThat(DeadLetter.header(r.headers(), DeadLetter.ERROR_CLASS)).isEqualTo("dev.servicebot.topics.InvalidRecordException");
                assertThat(DeadLetter.header(r.headers(), DeadLetter.ERROR_MESSAGE)).contains("malformed JSON");
                assertThat(DeadLetter.header(r.headers(), DeadLetter.SOURCE_PARTITION)).isNotNull();
                assertThat(DeadLetter.header(r.headers(), DeadLetter.SOURCE_OFFSET)).isNotNull();
                assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("cust_002");
            });
        }
    }

    private static List<ConsumerRecord<String, Reply>> ours(List<ConsumerRecord<String, Reply>> read, String conversation) {
        return read.stream().filter(r -> r.value().conversationId().equals(conversation)).toList();
    }

    private static InboundMessage message(String id, String conversation, String text) {
        return new InboundMessage("msg-" + id, conversation, "cust_002", text, Instant.now().toString(), null, null, null);
    }

    private static void send(KafkaProducer<String, byte[]> producer, InboundMessage message) throws Exception {
        producer.send(new ProducerRecord<>(Topics.INBOUND.name(), message.customerId(),
                Topics.INBOUND.valueSerde().serializer().serialize(Topics.INBOUND.name(), message))).get();
    }
}
