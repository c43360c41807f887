package dev.servicebot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicebot.devstack.DevStack;
import dev.servicebot.devstack.DevStackExtension;
import dev.servicebot.devstack.Ports;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each service runs alone from the command, configured by the environment, and stops on SIGTERM. */
@ExtendWith(DevStackExtension.class)
class ServiceCommandsTest {

    @Test
    void everyServiceRunsAloneAndReportsHealthy(DevStack stack) throws Exception {
        int gatewayPort = Ports.free();
        int sinkPort = Ports.free();
        int notifierPort = Ports.free();
        int processorPort = Ports.free();
        int analyticsPort = Ports.free();
        Map<String, String> env = Map.ofEntries(Map.entry("SERVICEBOT_PROCESSOR_HTTP_PORT", Integer.toString(processorPort)),
                Map.entry("SERVICEBOT_ANALYTICS_HTTP_PORT", Integer.toString(analyticsPort)),
                Map.entry("SERVICEBOT_ANALYTICS_APP_ID", "cli-analytics-test"),
                Map.entry("SERVICEBOT_ANALYTICS_STATE_DIR", Path.of("target", "cli-analytics-state").toAbsolutePath().toString()));
        env = new java.util.HashMap<>(env);
        env.putAll(Map.of(
                "SERVICEBOT_KAFKA_BOOTSTRAP", stack.bootstrapServers(),
                "SERVICEBOT_DYNAMO_ENDPOINT", stack.dynamoEndpoint().toString(),
                "SERVICEBOT_ENV", stack.tables().environment(),
                "SERVICEBOT_DEV_MODE", "true",
                "SERVICEBOT_GATEWAY_PORT", Integer.toString(gatewayPort),
                "SERVICEBOT_GATEWAY_INTERNAL_PORT", Integer.toString(Ports.free()),
                "SERVICEBOT_SINK_HTTP_PORT", Integer.toString(sinkPort),
                "SERVICEBOT_NOTIFIER_HTTP_PORT", Integer.toString(notifierPort),
                "SERVICEBOT_PROCESSOR_APP_ID", "cli-processor-test",
                "SERVICEBOT_PROCESSOR_STATE_DIR", Path.of("target", "cli-processor-state").toAbsolutePath().toString()));
        List<Process> services = List.of(start("gateway", env), start("sink", env), start("notifier", env), start("processor", env),
                start("analytics", env));
        try {
            assertThat(healthy(gatewayPort)).as("gateway /health").isTrue();
            assertThat(healthy(sinkPort)).as("sink /health").isTrue();
            assertThat(healthy(notifierPort)).as("notifier /health").isTrue();
            assertThat(healthy(processorPort)).as("processor /health").isTrue();
            assertThat(healthy(analyticsPort)).as("analytics /health").isTrue();
            // Each check named, so an operator sees which one fails.
            assertThat(body(sinkPort, "/health")).contains("\"partitions\":true", "\"kafka\":true", "\"dynamodb\":true");
            assertThat(body(notifierPort, "/health")).contains("\"partitions\":true", "\"connections\":true");
            assertThat(body(gatewayPort, "/health")).contains("\"kafka\":true", "\"dynamodb\":true");
            assertThat(body(processorPort, "/health")).contains("\"state\":\"RUNNING\"");
            // Kafka Streams' own metrics through Micrometer: process rate, commit latency, lag.
            assertThat(body(processorPort, "/metrics")).contains("kafka_stream_thread_process_rate", "kafka_stream_thread_commit_latency_avg",
                    "kafka_consumer_fetch_manager_records_lag");
            for (Process service : services) {
                assertThat(service.isAlive()).isTrue();
                service.destroy(); // SIGTERM
                assertThat(service.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            services.forEach(Process::destroyForcibly);
        }
    }

    private static Process start(String command, Map<String, String> env) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), ServicebotCommand.class.getName(), command)
                .redirectErrorStream(true).redirectOutput(Path.of("target", command + "-service.log").toFile());
        builder.environment().putAll(env);
        return builder.start();
    }

    private static String body(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static boolean healthy(int port) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (Exception e) {
                // not up yet
            }
            Thread.sleep(250);
        }
        return false;
    }
}
