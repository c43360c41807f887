package dev.servicebot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.servicebot.devstack.DevStack;
import dev.servicebot.gateway.ChatClient;
import dev.servicebot.gateway.DevTokens;
import dev.servicebot.gateway.GatewayConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `up --data-dir`: a restarted stack still has yesterday's conversations, and the bot remembers them. */
class DataDirRestartTest {
    private static final DevTokens TOKENS = new DevTokens(GatewayConfig.DEV_SECRET);

    @Test
    void aRestartedStackKeepsItsConversations(@TempDir Path data) throws Exception {
        DevStack.Options options = new DevStack.Options(0, 0, data, "keep", true);
        String conversation;
        try (LocalStack first = LocalStack.start(options, 0, 0);
             ChatClient client = ChatClient.connect(first.gateway().publicPort(), TOKENS.issue("cust_002", Duration.ofMinutes(5)))) {
            conversation = client.next("connected").get("conversationId").asText();
            client.send(Map.of("action", "sendMessage", "text", "Is my bedroom speaker online?"));
            client.next("reply", Duration.ofSeconds(20));
            Thread.sleep(2000); // the sink writes the history
        }
        try (LocalStack second = LocalStack.start(options, 0, 0);
             ChatClient client = ChatClient.connect(second.gateway().publicPort(), TOKENS.issue("cust_002", Duration.ofMinutes(5)))) {
            assertThat(second.devStack().seeded()).as("sample data is not loaded twice").isFalse();
            client.next("connected");
            client.send(Map.of("action", "history", "conversationId", conversation));
            JsonNode history = client.next("history");
            assertThat(history.get("messages")).extracting(m -> m.get("text").asText())
                    .contains("Is my bedroom speaker online?");
            // The processor's conversation state survived too: "it" is still the bedroom speaker.
            client.send(Map.of("action", "sendMessage", "text", "move it to the office", "conversationId", conversation));
            JsonNode reply = client.next("reply", Duration.ofSeconds(30));
            assertThat(reply.get("text").asText()).contains("smart speaker").contains("to the office");
        }
    }
}
