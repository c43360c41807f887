package dev.servicebot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.servicebot.topics.Json;
import dev.servicebot.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `servicebot up` as a user runs it: a separate process that comes up, says where, and stops cleanly. */
class UpCommandTest {

    @Test
    void upStartsTheStackWritesItsStateAndStopsWithoutLeftovers(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("stack.json");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process up = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), DevServicebotCommand.class.getName(),
                "up", "--kafka-port", "0", "--dynamo-port", "0", "--gateway-port", "0", "--gateway-internal-port", "0",
                "--env", "uptest", "--state-file", state.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("up.log").toFile()).start();
        try {
            long deadline = System.currentTimeMillis() + 60_000;
            while (!Files.exists(state) && up.isAlive() && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            assertThat(state).as(Files.readString(dir.resolve("up.log"))).exists();
            Thread.sleep(200); // the file is written in one call; give it a moment to land
            JsonNode stack = Json.MAPPER.readTree(state.toFile());
            assertThat(stack.get("environment").asText()).isEqualTo("uptest");
            assertThat(stack.get("tables")).hasSize(4);
            long dynalitePid = stack.get("dynamodb").get("pid").asLong();
            String bootstrap = stack.get("kafka").get("bootstrapServers").asText();
            Path kafkaData = Path.of(stack.get("kafka").get("dataDir").asText());

            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                assertThat(admin.listTopics().names().get()).containsAll(Topics.ALL.stream().map(t -> t.name()).toList());
            }
            assertThat(ProcessHandle.of(dynalitePid)).isPresent();
            // The chat page is served and the dev token route answers.
            String gateway = stack.get("gateway").get("url").asText();
            var http = HttpClient.newHttpClient();
            var page = http.send(HttpRequest.newBuilder(URI.create(gateway + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Smart Home Support");
            var token = http.send(HttpRequest.newBuilder(URI.create(gateway + "/dev/token"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"customerId\":\"cust_001\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(token.statusCode()).isEqualTo(200);

            up.destroy(); // SIGTERM: the same shutdown path as Ctrl-C
            assertThat(up.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(dir.resolve("up.log"))).contains("stack is up", "stopped.");
            assertThat(ProcessHandle.of(dynalitePid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(state).doesNotExist();
            assertThat(kafkaData).doesNotExist();
        } finally {
            up.destroyForcibly();
        }
    }
}
