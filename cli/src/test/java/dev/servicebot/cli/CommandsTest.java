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
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

@ExtendWith(DevStackExtension.class)
class CommandsTest {

    record Run(int exitCode, String out, String err) {
    }

    /** Runs the command as main() would, capturing what it prints (commands print reports to System.out). */
    static Run run(String... args) {
        return run(ServicebotCommand::commandLine, args);
    }

    /** The same with another command: devstack-cli's, which adds `up`. Made after System.out is captured. */
    static Run run(Supplier<CommandLine> commandLine, String... args) {
        var stdout = System.out;
        var captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        StringWriter err = new StringWriter();
        try {
            CommandLine cli = commandLine.get();
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
        assertThat(root.getSubcommands().keySet()).contains("gateway", "processor", "topics", "tables", "seed")
                .as("the local stack is devstack-cli's, not the services'").doesNotContain("up", "broker");
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
}
