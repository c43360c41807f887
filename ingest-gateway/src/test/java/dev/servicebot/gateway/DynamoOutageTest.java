package dev.servicebot.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.servicebot.devstack.DevStack;
import dev.servicebot.devstack.DevStackExtension;
import dev.servicebot.devstack.Dynalite;
import dev.servicebot.topics.SampleData;
import dev.servicebot.topics.tables.TablesAdmin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * With DynamoDB gone (its own dynalite, stopped and started again on the same data), live sockets
 * stay open: history and resume get a retryable error, messages are still accepted, a customer seen
 * recently can reconnect, and anything else gets a typed 503 instead of a 500.
 */
@ExtendWith(DevStackExtension.class)
class DynamoOutageTest {

    @Test
    void liveSocketsStayOpenAndMessagesAreAcceptedWhileDynamoDbIsDown(DevStack stack) throws Exception {
        Path data = Files.createTempDirectory("dynamo-outage");
        Dynalite dynalite = Dynalite.start(0, data);
        int port = dynalite.port();
        DynamoDbClient dynamo = dynalite.client();
        new TablesAdmin(dynamo, stack.tables()).ensure();
        SampleData.write(dynamo, stack.tables());
        try (GatewayServer gateway = GatewayServer.start(GatewayHarness.config(stack, stack.bootstrapServers(),
                Map.of("SERVICEBOT_DYNAMO_ENDPOINT", dynalite.endpoint().toString())), dynamo);
             ChatClient client = ChatClient.connect(gateway.publicPort(), GatewayHarness.token("cust_002"))) {
            String conversation = client.next("connected").get("conversationId").asText();
            client.send(Map.of("action", "resume"));
            assertThat(client.next("missed").get("messages")).isEmpty();

            dynalite.close();
            client.send(Map.of("action", "resume", "conversationId", conversation));
            JsonNode refused = client.next("error", Duration.ofSeconds(30));
            assertThat(refused.get("code").asText()).isEqualTo("unavailable");
            assertThat(refused.get("retryable").asBoolean()).isTrue();
            client.send(Map.of("action", "history"));
            assertThat(client.next("error", Duration.ofSeconds(30)).get("code").asText()).isEqualTo("unavailable");
            client.send(Map.of("action", "sendMessage", "text", "is my speaker online?", "clientMessageId", "cm-outage"));
            assertThat(client.next("ack", Duration.ofSeconds(10)).get("clientMessageId").asText()).as("Kafka is up").isEqualTo("cm-outage");
            client.send(Map.of("action", "ping"));
            client.next("pong");
            assertThat(client.isOpen()).isTrue();

            // cust_002 was seen a moment ago and may reconnect; cust_001 was not, and waits for DynamoDB.
            try (ChatClient again = ChatClient.connect(gateway.publicPort(), GatewayHarness.token("cust_002"))) {
                again.next("connected");
                // The conversation the first socket was given needs no lookup to be theirs; an id the gateway did not mint does.
                again.send(Map.of("action", "sendMessage", "text", "still there?", "conversationId", conversation, "clientMessageId", "cm-own"));
                assertThat(again.next(null, Duration.ofSeconds(10)).get("type").asText()).isEqualTo("ack");
                again.send(Map.of("action", "sendMessage", "text", "older one", "conversationId", "conv-legacy-1", "clientMessageId", "cm-legacy"));
                JsonNode unchecked = again.next(null, Duration.ofSeconds(30));
                assertThat(unchecked.get("code").asText()).as("never acked unchecked").isEqualTo("unavailable");
                assertThat(unchecked.get("retryable").asBoolean()).isTrue();
                assertThat(unchecked.get("clientMessageId").asText()).isEqualTo("cm-legacy");
            }
            assertThat(ChatClient.upgradeStatus(gateway.publicPort(), "/chat?token=" + GatewayHarness.token("cust_001"))).isEqualTo(503);
            var me = GatewayHarness.get(gateway.publicPort(), "/api/me", Map.of("Authorization", "Bearer " + GatewayHarness.token("cust_002")));
            assertThat(me.statusCode()).isEqualTo(503);
            assertThat(me.body()).contains("\"error\":\"unavailable\"", "\"retryable\":true");

            // DynamoDB is back (same port, same data): the same socket reads the history again.
            dynalite = Dynalite.start(port, data);
            client.send(Map.of("action", "resume", "conversationId", conversation));
            assertThat(client.next("missed", Duration.ofSeconds(30)).get("conversationId").asText()).isEqualTo(conversation);
            assertThat(ChatClient.upgradeStatus(gateway.publicPort(), "/chat?token=" + GatewayHarness.token("cust_001"))).isEqualTo(101);
        } finally {
            dynalite.close();
        }
    }
}
