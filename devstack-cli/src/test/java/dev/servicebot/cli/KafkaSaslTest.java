package dev.servicebot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicebot.devstack.EmbeddedKafka;
import dev.servicebot.topics.KafkaAccess;
import dev.servicebot.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker that requires SASL: the services' command reaches it with the settings file that
 * SERVICEBOT_KAFKA_CLIENT_PROPERTIES names, and is refused without it or with a wrong password. Run as
 * a child process, since the settings are read from the process's environment.
 */
class KafkaSaslTest {
    private static EmbeddedKafka broker;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafka.startWithSasl("servicebot", "sasl-secret-of-this-test");
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void theRightSettingsReachTheBrokerAndNoneOrWrongOnesDoNot() throws Exception {
        Result wrong = topicsCreate(settings("not-the-password"));
        assertThat(wrong.exit()).as(wrong.output()).isNotZero();
        assertThat(wrong.output()).containsIgnoringCase("authentication");

        Result right = topicsCreate(settings("sasl-secret-of-this-test"));
        assertThat(right.exit()).as(right.output()).isZero();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            Set<String> names = admin.listTopics().names().get(15, TimeUnit.SECONDS);
            assertThat(names).contains(Topics.INBOUND.name(), Topics.REPLIES.name());
        }

        Result none = topicsCreate(null);
        assertThat(none.exit()).as("PLAINTEXT to a SASL listener: " + none.output()).isNotZero();
    }

    private Path settings(String password) throws IOException {
        return Files.writeString(dir.resolve("client-" + password + ".properties"), String.join("\n",
                "security.protocol=SASL_PLAINTEXT",
                "sasl.mechanism=PLAIN",
                "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"servicebot\" password=\""
                        + password + "\";"));
    }

    private record Result(int exit, String output) {
    }

    private Result topicsCreate(Path settings) throws Exception {
        Path log = Files.createTempFile(dir, "topics-create-", ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.servicebot.cli.ServicebotCommand", "topics", "create"))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SERVICEBOT_KAFKA_BOOTSTRAP", broker.saslBootstrapServers());
        builder.environment().remove(KafkaAccess.FILE_SETTING);
        if (settings != null) {
            builder.environment().put(KafkaAccess.FILE_SETTING, settings.toString());
        }
        Process process = builder.start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("topics create did not end within 90 s: " + Files.readString(log));
        }
        return new Result(process.exitValue(), Files.readString(log));
    }
}
