package dev.servicebot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.servicebot.devstack.DevStack;
import dev.servicebot.gateway.ChatClient;
import dev.servicebot.gateway.DevTokens;
import dev.servicebot.gateway.GatewayConfig;
import dev.servicebot.gateway.HeadlessChromium;
import dev.servicebot.topics.model.Customer;
import dev.servicebot.topics.tables.Items;
import dev.servicebot.topics.tables.TableNames;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The whole bot, all real: broker, dynalite, processor, sink, notifier, gateway and WebSocket clients. */
class EndToEndTest {
    private static final DevTokens TOKENS = new DevTokens(GatewayConfig.DEV_SECRET);
    private static LocalStack local;

    @BeforeAll
    static void start() throws Exception {
        local = LocalStack.start(new DevStack.Options(0, 0, null, "e2e", true), 0, 0);
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    static ChatClient connect(String customer) {
        ChatClient client = ChatClient.connect(local.gateway().publicPort(), TOKENS.issue(customer, Duration.ofMinutes(10)));
        client.next("connected");
        return client;
    }

    static Stream<Arguments> matrix() {
        List<Object[]> rows = List.of(
                new Object[]{"Is my smart speaker working?", "device_status", true, true, true},
                new Object[]{"Turn up the volume on my speaker", "volume_change", true, true, true},
                new Object[]{"What is my smart speaker?", "device_info", true, true, true},
                new Object[]{"Move my smart speaker to the study", "device_relocation", false, true, true},
                new Object[]{"Play jazz music on my speaker", "play_music", false, true, true},
                new Object[]{"Play the same music on all my speakers", "multi_room_setup", false, false, true},
                new Object[]{"Create a routine to turn on my speaker at 7 AM", "custom_routine", false, false, true});
        return rows.stream().flatMap(r -> Stream.of(Arguments.of(r[0], r[1], "cust_001", r[2]),
                Arguments.of(r[0], r[1], "cust_002", r[3]), Arguments.of(r[0], r[1], "cust_003", r[4])));
    }

    @ParameterizedTest(name = "{2}: \"{0}\" allowed={3}")
    @MethodSource("matrix")
    void everyRequestTypeForEveryTierEndToEnd(String text, String type, String customerId, boolean allowed) throws Exception {
        try (ChatClient client = connect(customerId)) {
            client.send(Map.of("action", "sendMessage", "text", text, "clientMessageId", "e2e-" + type + "-" + customerId));
            JsonNode ack = client.next("ack");
            JsonNode reply = client.next("reply", Duration.ofSeconds(20));
            assertThat(reply.get("inReplyTo").asText()).isEqualTo(ack.get("messageId").asText());
            assertThat(reply.get("requestType").asText()).isEqualTo(type);
            assertThat(reply.get("allowed").asBoolean()).isEqualTo(allowed);
            String said = reply.get("text").asText();
            assertThat(said).doesNotContain("dev_"); // devices by kind and room, never by internal id
            if (allowed) {
                // Named by kind and room (rooms change as the tests relocate devices, so only the kind is fixed).
                assertThat(said).containsPattern("smart (speaker|display|hub)");
            } else {
                assertThat(said).contains("plan doesn't include").contains("What I can do now is");
            }

            // Both messages in {env}-messages with the data model's attributes, and UserIdIndex finds the customer's.
            TableNames tables = local.devStack().tables();
            String conversation = ack.get("conversationId").asText();
            List<Map<String, AttributeValue>> items = waitFor(() -> {
                var found = local.devStack().dynamo().query(b -> b.tableName(tables.messages()).keyConditionExpression("conversationId = :c")
                        .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(conversation))).consistentRead(true)).items();
                return found.size() >= 2 ? found : null;
            });
            assertThat(items).hasSize(2);
            assertThat(items.get(0)).containsEntry("userId", AttributeValue.fromS(customerId))
                    .containsEntry("text", AttributeValue.fromS(text))
                    .containsEntry("requestType", AttributeValue.fromS(type))
                    .containsEntry("allowed", AttributeValue.fromBool(allowed))
                    .containsEntry("timestamp", AttributeValue.fromS(ack.get("timestamp").asText()));
            assertThat(items.get(1)).containsEntry("userId", AttributeValue.fromS("bot"))
                    .containsEntry("inReplyTo", AttributeValue.fromS(ack.get("messageId").asText()))
                    .containsEntry("text", AttributeValue.fromS(reply.get("text").asText()));
            var mine = local.devStack().dynamo().query(b -> b.tableName(tables.messages()).indexName(TableNames.USER_ID_INDEX)
                    .keyConditionExpression("userId = :u AND #ts = :t").expressionAttributeNames(Map.of("#ts", "timestamp"))
                    .expressionAttributeValues(Map.of(":u", AttributeValue.fromS(customerId), ":t", AttributeValue.fromS(ack.get("timestamp").asText()))))
                    .items();
            assertThat(mine).singleElement().satisfies(m -> assertThat(m.get("conversationId").s()).isEqualTo(conversation));
        }
    }

    /** A message the model is unsure of gets a question naming two readings; the answer completes the request. */
    @Test
    void anUnclearMessageGetsAQuestionAndTheAnswerCarriesItOn() throws Exception {
        try (ChatClient john = connect("cust_002")) {
            john.send(Map.of("action", "sendMessage", "text", "kitchen display jazz move"));
            String conversation = john.next("ack").get("conversationId").asText();
            JsonNode question = john.next("reply", Duration.ofSeconds(20));
            assertThat(question.get("text").asText()).as("reason: " + question.path("reason").asText())
                    .startsWith("I want to get this right: do you want me to ")
                    .contains("record that your display moved").contains("play music on your display");
            assertThat(question.has("requestType")).as("a question decides nothing").isFalse();
            assertThat(question.get("reason").asText()).startsWith("model: ").contains("device_relocation").contains("play_music")
                    .contains("nearest examples");

            john.send(Map.of("action", "sendMessage", "text", "the music one", "conversationId", conversation));
            john.next("ack");
            JsonNode played = john.next("reply", Duration.ofSeconds(20));
            assertThat(played.get("requestType").asText()).isEqualTo("play_music");
            assertThat(played.get("allowed").asBoolean()).isTrue();
            assertThat(played.get("text").asText()).isEqualTo("Playing some music on your smart display in the kitchen.");
        }
    }

    @Test
    void anAllowedRelocationMovesTheDeviceInDynamoAndADeniedOneDoesNot() throws Exception {
        try (ChatClient john = connect("cust_002"); ChatClient jane = connect("cust_001")) {
            john.send(Map.of("action", "sendMessage", "text", "move my smart display to the garage"));
            assertThat(john.next("reply", Duration.ofSeconds(20)).get("allowed").asBoolean()).isTrue();
            jane.send(Map.of("action", "sendMessage", "text", "move my speaker to the garage"));
            assertThat(jane.next("reply", Duration.ofSeconds(20)).get("allowed").asBoolean()).isFalse();
        }
        String table = local.devStack().tables().customers();
        Customer john = waitFor(() -> {
            Customer c = Items.customer(local.devStack().dynamo().getItem(b -> b.tableName(table).key(Items.key("id", "cust_002")).consistentRead(true)).item());
            return "garage".equals(c.device("dev_003").orElseThrow().location()) ? c : null;
        });
        assertThat(john.device("dev_003").orElseThrow().location()).isEqualTo("garage");
        Customer jane = Items.customer(local.devStack().dynamo().getItem(b -> b.tableName(table).key(Items.key("id", "cust_001")).consistentRead(true)).item());
        assertThat(jane.device("dev_001").orElseThrow().location()).isEqualTo("living_room");
    }

    @Test
    void aReplyMissedWhileDisconnectedComesBackOnResume() throws Exception {
        String conversation;
        try (ChatClient client = connect("cust_003")) {
            client.send(Map.of("action", "sendMessage", "text", "Is my office speaker online?"));
            JsonNode ack = client.next("ack");
            conversation = ack.get("conversationId").asText();
        } // closed before the reply could arrive
        Thread.sleep(3000); // the reply is produced, finds no connection, and lands in the history
        try (ChatClient again = connect("cust_003")) {
            again.send(Map.of("action", "resume", "conversationId", conversation)); // no reply yet: from the start
            JsonNode history = again.next("missed");
            assertThat(history.get("messages")).anySatisfy(m -> {
                assertThat(m.get("userId").asText()).isEqualTo("bot");
                assertThat(m.get("conversationId").asText()).isEqualTo(conversation);
                assertThat(m.get("text").asText()).contains("smart speaker");
            });
        }
    }

    @Test
    void aPersonChatsWithTheBotInABrowser() throws Exception {
        WebDriver browser = HeadlessChromium.start();
        try {
            browser.get("http://127.0.0.1:" + local.gateway().publicPort() + "/");
            new Select(browser.findElement(By.id("customer"))).selectByValue("cust_003");
            browser.findElement(By.id("connect")).click();
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            wait.until(d -> "online".equals(d.findElement(By.id("connection")).getAttribute("data-state")));
            browser.findElement(By.id("text")).sendKeys("Play the same music on all my speakers", Keys.ENTER);
            var reply = wait.until(d -> d.findElements(By.cssSelector("#messages li.bot")).stream().findFirst().orElse(null));
            assertThat(reply.getText()).contains("play together").containsPattern("the smart speaker in the \\w+");
            wait.until(d -> d.findElements(By.cssSelector("#messages li.customer")).stream()
                    .anyMatch(li -> "replied".equals(li.getAttribute("data-state"))));
            assertThat(Files.size(HeadlessChromium.screenshot(browser, "chat-page-with-reply.png"))).isGreaterThan(1000);
        } finally {
            browser.quit();
        }
    }

    @Test
    void adminToolsChangeCustomersThroughTheProcessorAndRefuseInvalidInput(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String[] endpoints = {"--bootstrap-servers", local.devStack().bootstrapServers(),
                "--dynamo-endpoint", local.devStack().dynamoEndpoint().toString(), "--env", "e2e"};
        java.nio.file.Path bob = dir.resolve("bob.json");
        Files.writeString(bob, "{\"id\":\"cust_004\",\"name\":\"Bob Stone\",\"service_level\":\"basic\","
                + "\"devices\":[{\"id\":\"dev_010\",\"type\":\"SmartSpeaker\",\"location\":\"kitchen\"}]}");
        CommandsTest.Run put = CommandsTest.run(concat(new String[]{"customers", "put", bob.toString()}, endpoints));
        assertThat(put.exitCode()).as(put.err()).isZero();
        CommandsTest.Run got = waitFor(() -> {
            CommandsTest.Run run = CommandsTest.run(concat(new String[]{"customers", "get", "cust_004"}, endpoints));
            return run.exitCode() == 0 ? run : null;
        });
        assertThat(got.out()).contains("Bob Stone", "dev_010");
        assertThat(CommandsTest.run(concat(new String[]{"customers", "list"}, endpoints)).out()).contains("cust_004", "cust_001");

        java.nio.file.Path greedy = dir.resolve("greedy.json");
        Files.writeString(greedy, "{\"id\":\"cust_005\",\"name\":\"Greedy\",\"service_level\":\"basic\",\"devices\":["
                + "{\"id\":\"d1\",\"type\":\"SmartSpeaker\",\"location\":\"a\"},{\"id\":\"d2\",\"type\":\"SmartHub\",\"location\":\"b\"}]}");
        CommandsTest.Run refused = CommandsTest.run(concat(new String[]{"customers", "put", greedy.toString()}, endpoints));
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("customer cust_005 has 2 devices but the basic tier allows at most 1");
        java.nio.file.Path platinum = dir.resolve("platinum.json");
        Files.writeString(platinum, "{\"id\":\"cust_006\",\"name\":\"P\",\"service_level\":\"platinum\",\"devices\":[]}");
        assertThat(CommandsTest.run(concat(new String[]{"customers", "put", platinum.toString()}, endpoints)).err())
                .contains("service level 'platinum' does not exist (known: ");
        java.nio.file.Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"id\": \"cust_007\", \"name\": ");
        assertThat(CommandsTest.run(concat(new String[]{"customers", "put", broken.toString()}, endpoints)).err())
                .contains("invalid Customer: malformed JSON");

        java.nio.file.Path gold = dir.resolve("gold.json");
        Files.writeString(gold, "{\"level\":\"gold\",\"allowed_actions\":[\"status_check\",\"volume_control\"],\"max_devices\":5,\"support_priority\":\"priority\"}");
        assertThat(CommandsTest.run(concat(new String[]{"service-levels", "put", gold.toString()}, endpoints)).exitCode()).isZero();
        CommandsTest.Run levels = waitFor(() -> {
            CommandsTest.Run run = CommandsTest.run(concat(new String[]{"service-levels", "list"}, endpoints));
            return run.out().contains("gold") ? run : null;
        });
        assertThat(levels.out()).contains("basic", "premium", "enterprise", "gold");
    }

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Arrays.stream(a), Arrays.stream(b)).toArray(String[]::new);
    }

    private static <T> T waitFor(java.util.function.Supplier<T> found) throws InterruptedException {
        return waitFor(Duration.ofSeconds(20), found);
    }

    /** The first non-null value {@code found} gives within {@code timeout}; the whole-stack tests poll with it. */
    static <T> T waitFor(Duration timeout, java.util.function.Supplier<T> found) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (System.currentTimeMillis() < deadline) {
            T value = found.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not there within " + timeout.toSeconds() + " s");
    }
}
