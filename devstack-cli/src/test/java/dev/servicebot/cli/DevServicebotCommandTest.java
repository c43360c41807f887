package dev.servicebot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicebot.devstack.Ports;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkout's command is the services' command plus the local stack, so ./servicebot can run either jar. */
class DevServicebotCommandTest {

    @Test
    void itHasEveryCommandOfTheServicesAndUpAndBroker() {
        Set<String> services = ServicebotCommand.commandLine().getSubcommands().keySet();
        Set<String> expected = new HashSet<>(services);
        expected.addAll(Set.of("up", "broker"));
        assertThat(DevServicebotCommand.commandLine().getSubcommands().keySet()).isEqualTo(expected);
    }

    @Test
    void aTakenPortIsOneClearLineNamingItsFlag() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(Ports.HOST))) {
            CommandsTest.Run run = CommandsTest.run(DevServicebotCommand::commandLine,
                    "up", "--kafka-port", Integer.toString(taken.getLocalPort()), "--dynamo-port", "0");
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("port " + taken.getLocalPort() + " on 127.0.0.1 (Kafka) is already in use")
                    .contains("--kafka-port").doesNotContain("\tat ");
        }
    }

    @Test
    void aTakenBrokerPortIsOneLineNotAStackTrace(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(Ports.HOST))) {
            CommandsTest.Run run = CommandsTest.run(DevServicebotCommand::commandLine,
                    "broker", "--port", Integer.toString(taken.getLocalPort()), "--data-dir", dir.toString());
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("port " + taken.getLocalPort() + " on 127.0.0.1 (Kafka) is already in use")
                    .doesNotContain("\tat ");
        }
    }
}
