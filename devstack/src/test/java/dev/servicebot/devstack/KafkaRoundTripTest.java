package dev.servicebot.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicebot.topics.Topics;
import dev.servicebot.topics.TopicsAdmin;
import dev.servicebot.topics.model.InboundMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The devstack broker is a real Kafka: records go through it, and the topics match the contract. */
@ExtendWith(DevStackExtension.class)
class KafkaRoundTripTest {

    @Test
    void aContractRecordRoundTripsThroughTheBroker(DevStack stack) throws Exception {
        InboundMessage sent = new InboundMessage("msg-" + UUID.randomUUID(), "conv-rt", "cust_001", "Is my speaker online?",
                "2026-11-26T10:00:00.000Z", "client-1", null, null);
        RecordMetadata where;
        try (var producer = new KafkaProducer<>(stack.producerConfig(), new StringSerializer(), Topics.INBOUND.valueSerde().serializer())) {
            where = producer.send(new ProducerRecord<>(Topics.INBOUND.name(), sent.customerId(), sent)).get();
        }
        try (var consumer = new KafkaConsumer<>(stack.consumerConfig("rt-" + UUID.randomUUID()), new StringDeserializer(),
                Topics.INBOUND.valueSerde().deserializer())) {
            TopicPartition partition = new TopicPartition(Topics.INBOUND.name(), where.partition());
            consumer.assign(List.of(partition));
            consumer.seek(partition, where.offset());
            List<ConsumerRecord<String, InboundMessage>> received = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 10_000;
            while (received.isEmpty() && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
            assertThat(received).hasSize(1);
            assertThat(received.get(0).key()).isEqualTo("cust_001");
            assertThat(received.get(0).value()).isEqualTo(sent);
        }
    }

    @Test
    void everyTopicExistsWithItsPartitionsAndPolicies(DevStack stack) throws Exception {
        try (Admin admin = admin(stack)) {
            TopicsAdmin topics = new TopicsAdmin(admin, (short) 1);
            var descriptions = topics.describe(Topics.ALL);
            var configs = topics.configs(descriptions.keySet());
            for (var topic : Topics.ALL) {
                assertThat(descriptions).containsKey(topic.name());
                assertThat(descriptions.get(topic.name()).partitions()).as(topic.name()).hasSize(topic.partitions());
                assertThat(configs.get(topic.name()).get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).as(topic.name())
                        .isEqualTo(topic.cleanup().policy());
            }
        }
    }

    @Test
    void topicsAdminIsIdempotentAndRepairsDrift(DevStack stack) throws Exception {
        try (Admin admin = admin(stack)) {
            TopicsAdmin topics = new TopicsAdmin(admin, (short) 1);
            TopicsAdmin.Report again = topics.ensure(Topics.ALL, false);
            assertThat(again.changedAnything()).isFalse();
            assertThat(again.drift()).isEmpty();

            // Someone shortens the retention of the replay source by hand.
            ConfigResource replies = new ConfigResource(ConfigResource.Type.TOPIC, Topics.REPLIES.name());
            admin.incrementalAlterConfigs(Map.of(replies, List.of(new AlterConfigOp(
                    new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, "60000"), AlterConfigOp.OpType.SET)))).all().get();

            TopicsAdmin.Report reported = topics.ensure(Topics.ALL, false);
            assertThat(reported.drift()).singleElement().satisfies(d -> {
                assertThat(d.topic()).isEqualTo(Topics.REPLIES.name());
                assertThat(d.setting()).isEqualTo(TopicConfig.RETENTION_MS_CONFIG);
                assertThat(d.actual()).isEqualTo("60000");
            });
            assertThat(reported.changedAnything()).isFalse();

            TopicsAdmin.Report fixed = topics.ensure(Topics.ALL, true);
            assertThat(fixed.fixed()).hasSize(1);
            assertThat(topics.ensure(Topics.ALL, false).drift()).isEmpty();
        }
    }

    static Admin admin(DevStack stack) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));
    }
}
