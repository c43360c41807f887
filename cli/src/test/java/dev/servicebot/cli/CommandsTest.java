package dev.servicebot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicebot.devstack.DevStack;
import dev.servicebot.topics.Topics;
import dev.servicebot.devstack.DevStackExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

@ExtendWith(DevStackExtension.class)
class CommandsTest {

    record Run(int exitCode, String out, String err) {
    }

    /** Runs the command as main() would, capturing what it prints (commands print reports to System.out). */
    static Run run(String... args) {
        var stdout = System.out;
        var captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        StringWriter err = new StringWriter();
        try {
            CommandLine cli = ServicebotCommand.commandLine();
            cli.setErr(new PrintWriter(err, true));
            int code = cli.execute(args);
            return new Run(code, captured.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(stdout);
        }
    }

    @Test
    void everyCommandExplainsItselfInHelp() {
        CommandLine root = ServicebotCommand.commandLine();
        assertThat(root.getSubcommands().keySet()).contains("up", "topics", "tables", "seed");
        root.getSubcommands().forEach((name, sub) -> {
            assertThat(sub.getCommandSpec().usageMessage().description()).as(name).isNotEmpty();
            sub.getSubcommands().forEach((child, cmd) ->
                    assertThat(cmd.getCommandSpec().usageMessage().description()).as(name + " " + child).isNotEmpty());
        });
        Run help = run("topics", "create", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--bootstrap-servers", "SERVICEBOT_KAFKA_BOOTSTRAP", "--fix");
    }

    @Test
    void topicsCreateIsSafeToRunAgainstAReadyBroker(DevStack stack) {
        Run created = run("topics", "create", "--bootstrap-servers", stack.bootstrapServers());
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).contains(Topics.ALL.size() + " topics checked: 0 created, 0 fixed, 0 drifted");
        Run described = run("topics", "describe", "--bootstrap-servers", stack.bootstrapServers());
        assertThat(described.exitCode()).isZero();
        assertThat(described.out()).containsPattern("servicebot\\.customers\\.v1\\s+6 compact")
                .containsPattern("servicebot\\.chat\\.inbound\\.v1\\s+6 delete\\s+forever");
    }

    @Test
    void tablesCreateReportsTheExistingTables(DevStack stack) {
        Run tables = run("tables", "create", "--dynamo-endpoint", stack.dynamoEndpoint().toString(), "--env", "test");
        assertThat(tables.exitCode()).as(tables.err()).isZero();
        assertThat(tables.out()).contains("exists   test-customers", "exists   test-messages");
        Run fresh = run("tables", "create", "--dynamo-endpoint", stack.dynamoEndpoint().toString(), "--env", "clitest");
        assertThat(fresh.out()).contains("created  clitest-customers", "created  clitest-connections");
    }

    @Test
    void anUnreachableBrokerIsOneClearLine() {
        Run run = run("topics", "describe", "--bootstrap-servers", "127.0.0.1:1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("servicebot topics describe: Kafka did not answer").doesNotContain("\tat ");
    }

    @Test
    void aTakenPortIsOneClearLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Run run = run("up", "--kafka-port", Integer.toString(taken.getLocalPort()), "--dynamo-port", "0");
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("port " + taken.getLocalPort() + " on 127.0.0.1 (Kafka) is already in use")
                    .contains("--kafka-port").doesNotContain("\tat ");
        }
    }
}
