package dev.servicebot.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.servicebot.devstack.DevStack;
import dev.servicebot.devstack.DevStackExtension;
import dev.servicebot.devstack.EmbeddedKafka;
import dev.servicebot.topics.Topics;
import dev.servicebot.topics.TopicsAdmin;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** With Kafka gone, a message gets a retryable error within a bounded time, never an ack. */
@ExtendWith(DevStackExtension.class)
class KafkaOutageTest {

    @Test
    void noAckWithoutKafka(DevStack stack) throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start(0, null);
        boolean kafkaClosed = false;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            new TopicsAdmin(admin, (short) 1).ensure(Topics.ALL, false);
        }
        try (GatewayServer gateway = GatewayServer.start(GatewayHarness.config(stack, kafka.bootstrapServers(), Map.of()), stack.dynamo());
             ChatClient client = ChatClient.connect(gateway.publicPort(), GatewayHarness.token("cust_001"))) {
            client.next("connected");
            client.send(Map.of("action", "sendMessage", "text", "before the outage", "clientMessageId", "c-before"));
            assertThat(client.next("ack").get("clientMessageId").asText()).isEqualTo("c-before");

            kafka.close();
            kafkaClosed = true;
            long sent = System.nanoTime();
            client.send(Map.of("action", "sendMessage", "text", "during the outage", "clientMessageId", "c-during"));
            JsonNode answer = client.next(null, Duration.ofSeconds(15));
            long waitedMs = (System.nanoTime() - sent) / 1_000_000;
            assertThat(answer.get("type").asText()).isEqualTo("error");
            assertThat(answer.get("code").asText()).isEqualTo("unavailable");
            assertThat(answer.get("retryable").asBoolean()).isTrue();
            assertThat(answer.get("clientMessageId").asText()).isEqualTo("c-during");
            assertThat(waitedMs).as("bounded by the ack timeout (2 s) plus slack").isLessThan(6_000);
            assertThat(GatewayHarness.healthWithin10s(gateway.publicPort(), 503)).isEqualTo(503);
            // The socket survives the outage.
            client.send(Map.of("action", "ping"));
            client.next("pong");

            // Under the client's rate (10/s, burst 20), every message is unavailable, never rate_limited,
            // and the socket thread does not wait for Kafka: a ping is answered at once.
            for (int i = 0; i < 15; i++) {
                client.send(Map.of("action", "sendMessage", "text", "still down? " + i, "clientMessageId", "c-burst-" + i));
            }
            long pinged = System.nanoTime();
            client.send(Map.of("action", "ping"));
            client.next("pong");
            assertThat((System.nanoTime() - pinged) / 1_000_000).as("ms to a pong behind 15 sends").isLessThan(1_000);
            for (int i = 0; i < 15; i++) {
                JsonNode error = client.next("error", Duration.ofSeconds(15));
                assertThat(error.get("code").asText()).as(error.toString()).isEqualTo("unavailable");
            }
        } finally {
            if (!kafkaClosed) {
                kafka.close();
            }
        }
    }
}
