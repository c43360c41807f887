package dev.servicebot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.servicebot.cli.ops.DeadLetters;
import dev.servicebot.devstack.DevStack;
import dev.servicebot.gateway.ChatClient;
import dev.servicebot.gateway.DevTokens;
import dev.servicebot.gateway.GatewayConfig;
import dev.servicebot.topics.CloudEvents;
import dev.servicebot.topics.Topics;
import dev.servicebot.topics.model.CustomerCommand;
import dev.servicebot.topics.model.Device;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.internals.Exit;
import org.apache.kafka.tools.consumer.group.ConsumerGroupCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs every command of docs/runbook.md, in the order written, against the whole running bot:
 * {@code servicebot} commands through the CLI, {@code kafka-consumer-groups.sh} through the Kafka
 * tool's own class, {@code curl} as an HTTP GET. A command this test does not know fails it.
 */
class RunbookTest {
    private static final Path RUNBOOK = Path.of("..", "docs", "runbook.md");
    private static LocalStack local;

    @BeforeAll
    static void start() throws Exception {
        local = LocalStack.start(new DevStack.Options(0, 0, null, "runbook", true), 0, 0);
        // Something to look at: a conversation, and a command the data forbids (it goes to the DLQ).
        try (ChatClient jane = ChatClient.connect(local.gateway().publicPort(),
                new DevTokens(GatewayConfig.DEV_SECRET).issue("cust_001", Duration.ofMinutes(5)))) {
            jane.next("connected");
            jane.send(Map.of("action", "sendMessage", "text", "Move my speaker to the bedroom"));
            jane.next("reply", Duration.ofSeconds(20));
        }
        try (var producer = new KafkaProducer<>(DevStack.producerConfig(local.devStack().bootstrapServers()), new StringSerializer(),
                new ByteArraySerializer())) {
            CustomerCommand tooMany = CustomerCommand.addDevice("runbook-1", "cust_001", new Device("dev_077", "SmartHub", "hall"),
                    Instant.now().toString());
            producer.send(CloudEvents.record(Topics.CUSTOMER_COMMANDS, "runbook-test", tooMany.commandId(), Instant.now(),
                    tooMany.customerId(), tooMany)).get();
        }
        long deadline = System.currentTimeMillis() + 20_000;
        while (new DeadLetters(local.devStack().bootstrapServers()).list().isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    @Test
    void everyCommandOfTheRunbookWorks() throws Exception {
        List<String> commands = commands(Files.readString(RUNBOOK));
        assertThat(commands).hasSizeGreaterThanOrEqualTo(15)
                .anyMatch(c -> c.startsWith("servicebot replay"))
                .anyMatch(c -> c.startsWith("servicebot rebuild-tables"))
                .anyMatch(c -> c.startsWith("servicebot dlq redrive"))
                .anyMatch(c -> c.contains("--reset-offsets --to-datetime"));
        for (String command : commands) {
            if (command.startsWith("servicebot ")) {
                servicebot(command);
            } else if (command.startsWith("kafka-consumer-groups.sh ")) {
                consumerGroups(command);
            } else if (command.startsWith("curl ")) {
                curl(command);
            } else {
                fail("the runbook has a command this test cannot run: " + command);
            }
        }
    }

    /** The lines of every ```sh block. */
    static List<String> commands(String markdown) {
        List<String> commands = new ArrayList<>();
        boolean inBlock = false;
        for (String line : markdown.split("\n")) {
            if (line.startsWith("```")) {
                inBlock = !inBlock && line.equals("```sh");
            } else if (inBlock && !line.isBlank() && !line.startsWith("#")) {
                commands.add(line.trim());
            }
        }
        return commands;
    }

    private static void servicebot(String command) {
        String[] args = Stream.concat(Arrays.stream(command.substring("servicebot ".length()).split(" +")),
                Stream.of("--bootstrap-servers", local.devStack().bootstrapServers(),
                        "--dynamo-endpoint", local.devStack().dynamoEndpoint().toString(), "--env", "runbook")).toArray(String[]::new);
        CommandsTest.Run run = CommandsTest.run(args);
        assertThat(run.exitCode()).as(command + "\n" + run.out() + run.err()).isZero();
    }

    private static void consumerGroups(String command) throws Exception {
        String[] args = command.substring("kafka-consumer-groups.sh ".length()).replace("127.0.0.1:9092", local.devStack().bootstrapServers())
                .split(" +");
        boolean reset = command.contains("--reset-offsets");
        if (reset) {
            local.sink().close(); // as the runbook says: the group must be stopped first
        }
        String output = runKafkaTool(args);
        assertThat(output).as(command).doesNotContainIgnoringCase("error").doesNotContain("Exception");
        if (reset) {
            assertThat(output).contains("NEW-OFFSET");
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, local.devStack().bootstrapServers()))) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("servicebot-sink-dynamo")
                        .partitionsToOffsetAndMetadata().get();
                // Everything here was written after the runbook's example time, so the sink starts again from the beginning.
                assertThat(committed.entrySet().stream().filter(e -> e.getKey().topic().equals(Topics.MESSAGES.name()))
                        .map(e -> e.getValue().offset()).collect(Collectors.toSet())).containsOnly(0L);
            }
        } else {
            assertThat(output).as(command).contains("CURRENT-OFFSET", "LAG");
        }
    }

    private static String runKafkaTool(String[] args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(captured, true, StandardCharsets.UTF_8);
        Exit.setExitProcedure((status, message) -> {
            throw new IllegalStateException("kafka-consumer-groups exited " + status + ": " + message);
        });
        try {
            System.setOut(both);
            System.setErr(both);
            ConsumerGroupCommand.main(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
            Exit.resetExitProcedure();
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static void curl(String command) throws Exception {
        String[] pipe = command.split("\\|");
        String url = Arrays.stream(pipe[0].trim().split(" +")).filter(a -> a.startsWith("http")).findFirst().orElseThrow();
        URI uri = URI.create(url);
        int port = switch (uri.getPort()) {
            case 7070 -> local.gateway().publicPort();
            case 7081 -> local.sink().httpPort();
            case 7082 -> local.notifier().httpPort();
            case 7083 -> local.processor().httpPort();
            default -> throw new AssertionError("the runbook names port " + uri.getPort() + ", which is no service of ours");
        };
        // A probe may be 503 for a moment (a rebalance, a slow first Kafka answer on a busy host): as an
        // operator would, look again for a while; the body names the check that failed.
        HttpResponse<String> response;
        long deadline = System.currentTimeMillis() + 30_000;
        do {
            response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + uri.getPath())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                System.out.println(command + " -> " + response.statusCode() + " " + response.body());
                Thread.sleep(500);
            }
        } while (response.statusCode() != 200 && System.currentTimeMillis() < deadline);
        assertThat(response.statusCode()).as(command + " " + response.body()).isEqualTo(200);
        if (pipe.length > 1) {
            String grep = pipe[1].trim();
            assertThat(grep).startsWith("grep ");
            assertThat(response.body()).as(command).contains(grep.substring("grep ".length()).trim());
        }
    }
}
