package dev.servicebot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.servicebot.devstack.DevStack;
import dev.servicebot.devstack.TopicReader;
import dev.servicebot.gateway.ChatClient;
import dev.servicebot.gateway.DevTokens;
import dev.servicebot.gateway.GatewayConfig;
import dev.servicebot.gateway.GatewayServer;
import dev.servicebot.gateway.HeadlessChromium;
import dev.servicebot.topics.Topics;
import dev.servicebot.topics.model.DeviceCommand;
import dev.servicebot.topics.model.InboundMessage;
import dev.servicebot.topics.model.Reply;
import dev.servicebot.topics.tables.Items;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A client that behaves like the chat page (resend what was not acked, resume after a reconnect)
 * against the whole stack with two gateways: a resend answers once wherever it lands, and resume
 * returns every reply the client missed.
 */
class ResendAndResumeTest {
    private static final DevTokens TOKENS = new DevTokens(GatewayConfig.DEV_SECRET);
    private static LocalStack local;

    @BeforeAll
    static void start() throws Exception {
        local = LocalStack.start(new DevStack.Options(0, 0, null, "resend", true), 0, 0);
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    /** Another gateway on the same broker and tables, with a rate limit a test can go fast under. */
    static GatewayServer gateway(String id) {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "SERVICEBOT_GATEWAY_ID", id,
                "SERVICEBOT_GATEWAY_PORT", "0",
                "SERVICEBOT_GATEWAY_INTERNAL_PORT", "0",
                "SERVICEBOT_KAFKA_BOOTSTRAP", local.devStack().bootstrapServers(),
                "SERVICEBOT_ENV", "resend",
                "SERVICEBOT_DEV_MODE", "true"));
        for (String rate : new String[] {"SERVICEBOT_RATE", "SERVICEBOT_CUSTOMER_RATE", "SERVICEBOT_FRAME_RATE", "SERVICEBOT_CUSTOMER_FRAME_RATE"}) {
            env.put(rate + "_PER_SECOND", "1000");
            env.put(rate + "_BURST", "1000");
        }
        return GatewayServer.start(GatewayConfig.fromEnvironment(env), local.devStack().dynamo());
    }

    static ChatClient connect(GatewayServer gateway, String customer) {
        ChatClient client = ChatClient.connect(gateway.publicPort(), TOKENS.issue(customer, Duration.ofMinutes(10)));
        client.next("connected");
        return client;
    }

    @Test
    void aResendAfterAGatewayRestartAndToTheOtherGatewayIsTheSameMessage() throws Exception {
        Map<String, Object> play = Map.of("action", "sendMessage", "text", "Play some jazz on my office speaker",
                "clientMessageId", "cm-resend-1");
        String messageId;
        String conversation;
        GatewayServer first = gateway("gw-first");
        try (ChatClient client = connect(first, "cust_003")) {
            client.send(play);
            JsonNode ack = client.next("ack");
            messageId = ack.get("messageId").asText();
            conversation = ack.get("conversationId").asText();
            assertThat(client.next("reply", Duration.ofSeconds(30)).get("inReplyTo").asText()).isEqualTo(messageId);
        } finally {
            first.close(); // the gateway dies: its memory of the message is gone
        }
        Map<String, Object> resend = new java.util.HashMap<>(play);
        resend.put("conversationId", conversation);
        try (GatewayServer restarted = gateway("gw-first"); ChatClient client = connect(restarted, "cust_003")) {
            client.send(resend);
            assertThat(client.next("ack").get("messageId").asText()).as("after a restart").isEqualTo(messageId);
        }
        try (ChatClient client = connect(local.gateway(), "cust_003")) {
            client.send(resend);
            assertThat(client.next("ack").get("messageId").asText()).as("on the other gateway").isEqualTo(messageId);
            // A new message behind the resends: once it is answered, the resends have been through the processor.
            client.send(Map.of("action", "sendMessage", "text", "thanks", "clientMessageId", "cm-resend-2", "conversationId", conversation));
            String after = client.next("ack").get("messageId").asText();
            assertThat(client.next("reply", Duration.ofSeconds(30)).get("inReplyTo").asText()).isEqualTo(after);
        }

        String bootstrap = local.devStack().bootstrapServers();
        List<ConsumerRecord<String, InboundMessage>> inbound = TopicReader.readUntil(bootstrap, Topics.INBOUND.name(),
                new StringDeserializer(), Topics.INBOUND.valueSerde().deserializer(),
                read -> read.stream().filter(r -> conversation.equals(r.value().conversationId())).count() >= 4, Duration.ofSeconds(10));
        List<InboundMessage> mine = inbound.stream().map(ConsumerRecord::value).filter(m -> conversation.equals(m.conversationId())).toList();
        // The inbound topic is the log of what arrived: the resends are on it, all under the first message's id.
        assertThat(mine).extracting(InboundMessage::messageId).containsOnly(messageId, InboundMessage.idFor("cust_003", conversation, "cm-resend-2"));
        assertThat(mine.stream().map(InboundMessage::messageId).distinct().count()).isEqualTo(2);

        List<Reply> replies = TopicReader.readUntil(bootstrap, Topics.REPLIES.name(), new StringDeserializer(),
                Topics.REPLIES.valueSerde().deserializer(), read -> false, Duration.ofSeconds(3)).stream()
                .map(ConsumerRecord::value).filter(r -> messageId.equals(r.inReplyTo())).toList();
        assertThat(replies).as("one reply").hasSize(1);
        List<DeviceCommand> commands = TopicReader.readUntil(bootstrap, Topics.DEVICE_COMMANDS.name(), new StringDeserializer(),
                Topics.DEVICE_COMMANDS.valueSerde().deserializer(), read -> false, Duration.ofSeconds(3)).stream()
                .map(ConsumerRecord::value).filter(c -> messageId.equals(c.inReplyTo())).toList();
        assertThat(commands).as("the music starts once").hasSize(1);
        List<Map<String, AttributeValue>> history = local.devStack().dynamo().query(q -> q.tableName(local.devStack().tables().messages())
                .keyConditionExpression("conversationId = :c").consistentRead(true)
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(conversation)))).items();
        assertThat(history.stream().map(Items::historyMessage).map(h -> h.messageId()).toList())
                .as("the message, its reply, the thanks and its reply").hasSize(4).doesNotHaveDuplicates()
                .contains(messageId, messageId + "-r");
    }

    @Test
    void resumeAfterASocketClosedWithRepliesOutstandingReturnsEveryOnePastTwoHundred() throws Exception {
        int count = 230;
        String conversation;
        Set<String> sent = new HashSet<>();
        try (GatewayServer gateway = gateway("gw-resume")) {
            try (ChatClient client = connect(gateway, "cust_002")) {
                for (int i = 0; i < count; i++) {
                    client.send(Map.of("action", "sendMessage", "text", i % 2 == 0 ? "is my speaker online?" : "hello",
                            "clientMessageId", "cm-" + i));
                }
                conversation = null;
                for (int i = 0; i < count; i++) {
                    JsonNode ack = client.next("ack");
                    conversation = ack.get("conversationId").asText();
                    sent.add(ack.get("messageId").asText());
                }
            } // closed as soon as everything is acked, with (nearly) every reply outstanding
            String conversationId = conversation;
            // Wait until the history has every reply (the sink is behind the processor).
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < deadline && countReplies(conversationId) < count) {
                Thread.sleep(250);
            }
            assertThat(countReplies(conversationId)).isEqualTo(count);

            Set<String> answered = new HashSet<>();
            int pages = 0;
            try (ChatClient again = connect(gateway, "cust_002")) {
                String since = null;
                boolean more = true;
                while (more) {
                    Map<String, Object> resume = new java.util.HashMap<>(Map.of("action", "resume", "conversationId", conversationId));
                    if (since != null) {
                        resume.put("since", since);
                    }
                    again.send(resume);
                    JsonNode missed = again.next("missed");
                    pages++;
                    List<JsonNode> messages = new ArrayList<>();
                    missed.get("messages").forEach(messages::add);
                    messages.stream().filter(m -> "bot".equals(m.get("userId").asText()))
                            .forEach(m -> answered.add(m.get("inReplyTo").asText()));
                    more = missed.get("more").asBoolean();
                    since = messages.get(messages.size() - 1).get("timestamp").asText();
                }
            }
            assertThat(answered).as("a reply to every message, none skipped").isEqualTo(sent);
            assertThat(pages).as("2 x 230 messages in pages of 100").isEqualTo(5);
        }
    }

    @Test
    void theChatPageWhoseAckWasLostResendsAndShowsTheOneReply() throws Exception {
        try (GatewayServer gateway = gateway("gw-page")) {
            WebDriver browser = HeadlessChromium.start();
            try {
                browser.get("http://127.0.0.1:" + gateway.publicPort() + "/");
                new Select(browser.findElement(By.id("customer"))).selectByValue("cust_001");
                browser.findElement(By.id("connect")).click();
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
                wait.until(d -> "online".equals(d.findElement(By.id("connection")).getAttribute("data-state")));
                // Send, and lose the socket at once: the ack (and perhaps the reply) go to a closed connection.
                ((JavascriptExecutor) browser).executeScript("document.getElementById('text').value = 'Is my speaker online?';"
                        + "document.getElementById('composer').requestSubmit(); state.socket.close();");
                WebElement asked = wait.until(d -> d.findElements(By.cssSelector("#messages li.customer")).stream()
                        .filter(li -> "replied".equals(li.getAttribute("data-state"))).findFirst().orElse(null));
                String messageId = asked.getAttribute("data-message-id");
                Thread.sleep(4000); // long enough for the page's resume after a resend's ack
                assertThat(browser.findElements(By.cssSelector("#messages li.bot"))).as("one reply, shown once").hasSize(1);
                assertThat(browser.findElements(By.cssSelector("#messages li.customer"))).hasSize(1);
                String conversation = (String) ((JavascriptExecutor) browser).executeScript("return state.conversationId;");
                assertThat(countReplies(conversation)).isEqualTo(1);
                assertThat(storedMessageIdOf(conversation)).as("the resend's ack names the stored message").isEqualTo(messageId);
                HeadlessChromium.screenshot(browser, "chat-page-after-lost-ack.png");
            } finally {
                browser.quit();
            }
        }
    }

    /** The id of the one customer message of a conversation, from the history. */
    private static String storedMessageIdOf(String conversationId) {
        return local.devStack().dynamo().query(q -> q.tableName(local.devStack().tables().messages())
                        .keyConditionExpression("conversationId = :c").consistentRead(true)
                        .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(conversationId)))).items().stream()
                .map(Items::historyMessage).filter(h -> !h.fromBot()).findFirst().orElseThrow().messageId();
    }

    private static long countReplies(String conversationId) {
        long replies = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = local.devStack().dynamo().query(q -> q.tableName(local.devStack().tables().messages())
                    .keyConditionExpression("conversationId = :c").consistentRead(true).exclusiveStartKey(from)
                    .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(conversationId))));
            replies += page.items().stream().filter(i -> "bot".equals(i.get("userId").s())).count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return replies;
    }
}
