package dev.servicebot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.servicebot.devstack.DevStack;
import dev.servicebot.gateway.ChatClient;
import dev.servicebot.gateway.DevTokens;
import dev.servicebot.gateway.GatewayConfig;
import dev.servicebot.gateway.HeadlessChromium;
import dev.servicebot.topics.tables.TableNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Handoff to a person through the whole stack: real broker, dynalite, processor, sink, notifier, gateway and sockets. */
class HandoffEndToEndTest {
    private static final DevTokens TOKENS = new DevTokens(GatewayConfig.DEV_SECRET);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalStack local;

    @BeforeAll
    static void start() throws Exception {
        local = LocalStack.start(new DevStack.Options(0, 0, null, "handoff", true), 0, 0);
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    private static int port() {
        return local.gateway().publicPort();
    }

    static String customerToken(String customerId) {
        return TOKENS.issue(customerId, Duration.ofMinutes(10));
    }

    static String agentToken(String agentId) {
        return TOKENS.issueAgent(agentId, DevTokens.SAMPLE_AGENTS.get(agentId), Duration.ofMinutes(10));
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aCustomerTokenIsRefusedByEveryAgentRouteAndFrame() throws Exception {
        String customer = customerToken("cust_002");
        for (String route : List.of("/api/agent/handoffs", "/api/agent/conversations/conv-x/messages")) {
            HttpResponse<String> refused = get(route, customer);
            assertThat(refused.statusCode()).as(route).isEqualTo(403);
            assertThat(refused.body()).as(route).contains("an agent token is needed");
            assertThat(get(route, null).statusCode()).as(route + " without a token").isEqualTo(401);
            assertThat(get(route, customer + "x").statusCode()).as(route + " with a forged signature").isEqualTo(401);
        }
        // The console's socket: the upgrade itself is refused.
        assertThat(ChatClient.upgradeStatus(port(), "/agent/socket?token=" + customer)).isEqualTo(403);
        assertThat(ChatClient.upgradeStatus(port(), "/agent/socket")).as("without a token").isEqualTo(401);
        assertThat(ChatClient.upgradeStatus(port(), "/agent/socket?token=" + customer + "x")).as("forged").isEqualTo(401);
        // Agent frames on the customer's socket are not agent actions there.
        try (ChatClient chat = ChatClient.connect(port(), customer)) {
            chat.next("connected");
            for (String action : List.of("claim", "resolve")) {
                chat.send(Map.of("action", action, "conversationId", "conv-x"));
                assertThat(chat.next("error").get("code").asText()).as(action).isEqualTo("unknown_action");
            }
        }
        // And the other way round: an agent token is not a customer.
        String agent = agentToken("agent_001");
        assertThat(get("/api/me", agent).statusCode()).isEqualTo(403);
        assertThat(ChatClient.upgradeStatus(port(), "/chat?token=" + agent)).isEqualTo(403);
        assertThat(ChatClient.upgradeStatus(port(), "/agent/socket?token=" + agent)).as("the agent's own socket").isEqualTo(101);
    }

    @Test
    void anAgentTakesAConversationWritesToTheCustomerAndGivesItBack() throws Exception {
        try (ChatClient john = ChatClient.connect(port(), customerToken("cust_002"));
             ChatClient sam = ChatClient.agent(port(), agentToken("agent_001"));
             ChatClient priya = ChatClient.agent(port(), agentToken("agent_002"))) {
            String conversation = john.next("connected").get("conversationId").asText();
            assertThat(sam.next("connected").get("name").asText()).isEqualTo("Sam Rivera");
            priya.next("connected");

            john.send(Map.of("action", "sendMessage", "text", "can I talk to a real person please", "clientMessageId", "h-1"));
            john.next("ack");
            JsonNode told = john.next("reply", Duration.ofSeconds(20));
            assertThat(told.get("requestType").asText()).isEqualTo("human_handoff");
            assertThat(told.get("text").asText()).contains("5 minutes");

            JsonNode queued = waitForQueue(sam, conversation);
            assertThat(queued.get("customerId").asText()).isEqualTo("cust_002");
            assertThat(queued.get("priority").asText()).isEqualTo("priority");
            assertThat(queued.get("status").asText()).isEqualTo("waiting");
            assertThat(queued.get("reason").asText()).isEqualTo("asked");

            // Not handed off: the gateway refuses before storing anything.
            sam.send(Map.of("action", "claim", "conversationId", "conv-not-handed-off"));
            assertThat(sam.next("error").get("code").asText()).isEqualTo("not_handed_off");
            sam.send(Map.of("action", "sendMessage", "conversationId", conversation, "text", "hi"));
            assertThat(sam.next("error").get("code").asText()).isEqualTo("not_claimed");

            // Two claims: the first stored wins (the processor decides); the loser hears why. Priya claims
            // once Sam's claim is in Kafka, so which one is first is not left to the two sockets' race.
            sam.send(Map.of("action", "claim", "conversationId", conversation));
            sam.next("ack");
            priya.send(Map.of("action", "claim", "conversationId", conversation));
            JsonNode priyaAnswer = priya.next("ack", Duration.ofSeconds(10));
            assertThat(priyaAnswer).isNotNull();
            JsonNode refused = nextEvent(priya, "refused");
            assertThat(refused.get("refusal").asText()).contains("already claimed by Sam Rivera");
            JsonNode joined = john.next("reply", Duration.ofSeconds(20));
            assertThat(joined.get("text").asText()).contains("Sam Rivera");

            john.send(Map.of("action", "sendMessage", "text", "my display reboots every hour"));
            john.next("ack");
            assertThat(nextEvent(sam, "customer_message").get("text").asText()).isEqualTo("my display reboots every hour");

            sam.send(Map.of("action", "sendMessage", "conversationId", conversation, "text", "Thanks John, let's look at it.",
                    "clientMessageId", "sam-1"));
            sam.next("ack");
            JsonNode fromSam = john.next("reply", Duration.ofSeconds(20));
            assertThat(fromSam.get("text").asText()).isEqualTo("Thanks John, let's look at it.");
            assertThat(fromSam.get("from").asText()).isEqualTo("agent:agent_001");
            assertThat(fromSam.get("fromName").asText()).isEqualTo("Sam Rivera");
            assertThat(fromSam.has("requestType")).isFalse();

            // The agent's message is in {env}-messages with the data model's attributes.
            TableNames tables = local.devStack().tables();
            Map<String, AttributeValue> item = EndToEndTest.waitFor(Duration.ofSeconds(20), () -> local.devStack().dynamo()
                    .query(b -> b.tableName(tables.messages()).keyConditionExpression("conversationId = :c")
                            .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(conversation))).consistentRead(true))
                    .items().stream().filter(i -> i.get("userId").s().equals("agent:agent_001")).findFirst().orElse(null));
            assertThat(item).containsEntry("text", AttributeValue.fromS("Thanks John, let's look at it."))
                    .containsEntry("timestamp", AttributeValue.fromS(fromSam.get("timestamp").asText()))
                    .containsKey("conversationId");
            // ... and the agent reads the whole conversation so far.
            HttpResponse<String> transcript = get("/api/agent/conversations/" + conversation + "/messages", agentToken("agent_001"));
            assertThat(transcript.statusCode()).isEqualTo(200);
            assertThat(transcript.body()).contains("can I talk to a real person please").contains("my display reboots every hour");

            sam.send(Map.of("action", "resolve", "conversationId", conversation));
            sam.next("ack");
            assertThat(john.next("reply", Duration.ofSeconds(20)).get("text").asText()).contains("back to me");
            assertThat(nextEvent(sam, "resolved")).isNotNull();
            john.send(Map.of("action", "sendMessage", "text", "is my bedroom speaker online?"));
            john.next("ack");
            JsonNode bot = john.next("reply", Duration.ofSeconds(20));
            assertThat(bot.get("requestType").asText()).isEqualTo("device_status");
            assertThat(bot.has("from")).isFalse();
        }
        // Gauges per priority on the gateway's /metrics (its internal port).
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + local.gateway().internalPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).contains("servicebot_handoffs_open{priority=\"priority\"}")
                .contains("servicebot_handoffs_oldest_wait_seconds{priority=\"priority\"}");
    }

    /** Two pages, as people use them: a customer's chat and an agent's console, on the full stack in headless Chromium. */
    @Test
    void anAgentWorksTheQueueInTheConsoleAndTheCustomerSeesAPersonAnswer() throws Exception {
        WebDriver console = HeadlessChromium.start();
        WebDriver chat = HeadlessChromium.start();
        try (ChatClient jane = ChatClient.connect(port(), customerToken("cust_001"))) {
            console.get("http://127.0.0.1:" + port() + "/agent");
            new Select(console.findElement(By.id("agent"))).selectByValue("agent_001");
            console.findElement(By.id("signin")).click();
            // The queue is redrawn on every change: an element found a moment ago may be gone, so look again.
            var consoleWait = new WebDriverWait(console, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class);
            consoleWait.until(d -> "online".equals(d.findElement(By.id("connection")).getAttribute("data-state")));

            // cust_001 (basic, standard priority) asks first, then cust_003 (enterprise, dedicated) on the chat page.
            String janeConversation = jane.next("connected").get("conversationId").asText();
            jane.send(Map.of("action", "sendMessage", "text", "get me a human please", "clientMessageId", "jane-h"));
            assertThat(jane.next("reply", Duration.ofSeconds(20)).get("text").asText()).contains("30 minutes");
            consoleWait.until(d -> queueItem(d, janeConversation) != null);

            chat.get("http://127.0.0.1:" + port() + "/");
            new Select(chat.findElement(By.id("customer"))).selectByValue("cust_003");
            chat.findElement(By.id("connect")).click();
            WebDriverWait chatWait = new WebDriverWait(chat, Duration.ofSeconds(30));
            chatWait.until(d -> "online".equals(d.findElement(By.id("connection")).getAttribute("data-state")));
            chat.findElement(By.id("text")).sendKeys("I'd like to talk to a real person please", Keys.ENTER);
            WebElement told = chatWait.until(d -> d.findElements(By.cssSelector("#messages li.bot")).stream().findFirst().orElse(null));
            assertThat(told.getText()).contains("a minute");

            // The console lists cust_003 first: dedicated before standard, though Jane has waited longer.
            // (Read in one go: every queue frame redraws the list.)
            List<String> firstEntry = consoleWait.until(d -> {
                List<WebElement> items = d.findElements(By.cssSelector("#queue li.handoff"));
                return items.size() >= 2 && items.get(0).getText().contains("cust_003")
                        ? List.of(items.get(0).getAttribute("data-conversation-id"), items.get(0).getAttribute("data-priority"),
                        items.get(0).getAttribute("data-status"), items.get(0).getText(), items.get(1).getText()) : null;
            });
            String alice = firstEntry.get(0);
            assertThat(firstEntry.get(1)).isEqualTo("dedicated");
            assertThat(firstEntry.get(2)).isEqualTo("waiting");
            assertThat(firstEntry.get(3)).contains("Alice Johnson").contains("enterprise").contains("asked for a person").contains("of 1m 00s target");
            assertThat(firstEntry.get(4)).contains("cust_001");

            // Open it: the conversation so far comes from the history; claim it and write.
            consoleWait.until(d -> {
                WebElement item = queueItem(d, alice);
                if (item != null) {
                    item.findElement(By.tagName("button")).click();
                }
                return item != null;
            });
            consoleWait.until(d -> d.findElement(By.id("transcript")).getText().contains("I'd like to talk to a real person please"));
            console.findElement(By.id("claim")).click();
            consoleWait.until(d -> d.findElement(By.id("reply")).isEnabled());
            assertThat(console.findElement(By.id("claim")).isEnabled()).isFalse();
            WebElement joined = chatWait.until(d -> d.findElements(By.cssSelector("#messages li.bot")).stream()
                    .filter(li -> li.getText().contains("Sam Rivera")).findFirst().orElse(null));
            assertThat(joined.getText()).contains("Sam Rivera");
            console.findElement(By.id("reply")).sendKeys("Hello Alice, this is Sam. How can I help?", Keys.ENTER);

            WebElement fromSam = chatWait.until(d -> d.findElements(By.cssSelector("#messages li.agent")).stream().findFirst().orElse(null));
            assertThat(fromSam.getAttribute("data-from")).isEqualTo("person");
            assertThat(fromSam.getText()).contains("Sam Rivera \u00b7 support agent").contains("Hello Alice, this is Sam. How can I help?");
            consoleWait.until(d -> !d.findElements(By.cssSelector("#transcript li.agent")).isEmpty());
            chat.findElement(By.id("text")).sendKeys("my office speaker keeps cutting out", Keys.ENTER);
            consoleWait.until(d -> d.findElement(By.id("transcript")).getText().contains("my office speaker keeps cutting out"));
            assertThat(Files.size(HeadlessChromium.screenshot(console, "agent-console-claimed.png"))).isGreaterThan(1000);
            assertThat(Files.size(HeadlessChromium.screenshot(chat, "chat-page-with-agent.png"))).isGreaterThan(1000);

            // Resolve: the conversation leaves the queue, and the bot answers the customer's next message.
            console.findElement(By.id("resolve")).click();
            consoleWait.until(d -> queueItem(d, alice) == null);
            chatWait.until(d -> d.findElement(By.id("messages")).getText().contains("back to me"));
            int botReplies = chat.findElements(By.cssSelector("#messages li.bot")).size();
            chat.findElement(By.id("text")).sendKeys("Is my office speaker online?", Keys.ENTER);
            WebElement bot = chatWait.until(d -> {
                List<WebElement> replies = d.findElements(By.cssSelector("#messages li.bot"));
                return replies.size() > botReplies ? replies.get(replies.size() - 1) : null;
            });
            assertThat(bot.getText()).startsWith("Bot: ").contains("smart speaker");
            assertThat(chat.findElements(By.cssSelector("#messages li.agent"))).hasSize(1);
        } finally {
            console.quit();
            chat.quit();
        }
    }

    private static WebElement queueItem(WebDriver console, String conversationId) {
        return console.findElements(By.cssSelector("#queue li.handoff")).stream()
                .filter(li -> conversationId.equals(li.getAttribute("data-conversation-id"))).findFirst().orElse(null);
    }

    /** The queue entry of a conversation, from the queue frames an agent receives. */
    private static JsonNode waitForQueue(ChatClient agent, String conversationId) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode queue = agent.next("queue", Duration.ofSeconds(20));
            for (JsonNode entry : queue.get("handoffs")) {
                if (entry.get("conversationId").asText().equals(conversationId)) {
                    return entry;
                }
            }
        }
        throw new AssertionError("conversation " + conversationId + " never reached the queue");
    }

    private static JsonNode nextEvent(ChatClient agent, String kind) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode event = agent.next("event", Duration.ofSeconds(20)).get("event");
            if (event.get("kind").asText().equals(kind)) {
                return event;
            }
        }
        throw new AssertionError("no " + kind + " event");
    }
}
