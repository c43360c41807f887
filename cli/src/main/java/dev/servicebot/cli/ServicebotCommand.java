package dev.servicebot.cli;

import dev.servicebot.topics.InvalidRecordException;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine;
import software.amazon.awssdk.core.exception.SdkClientException;
import picocli.CommandLine.Command;

/**
 * The {@code servicebot} command of the services' jar and image: each service, and the admin and ops
 * tools. The local stack ({@code up}, {@code broker}) is {@code DevServicebotCommand} in devstack-cli,
 * so that nothing here needs the embedded broker or dynalite.
 */
@Command(name = "servicebot",
        mixinStandardHelpOptions = true,
        version = "servicebot 0.1.0",
        description = "Agentic Service Bot: a smart-home customer-service chat bot on Kafka.",
        footer = "Not in this build: up and broker, the whole bot on one machine (./servicebot up in a checkout).",
        subcommands = {
                ServiceCommands.Gateway.class,
                ServiceCommands.Processor.class,
                ServiceCommands.Sink.class,
                ServiceCommands.Notifier.class,
                ServiceCommands.Analytics.class,
                TopicsCommand.class,
                TablesCommand.class,
                SeedCommand.class,
                AdminCommands.Customers.class,
                AdminCommands.ServiceLevels.class,
                OpsCommands.Replay.class,
                OpsCommands.RebuildTables.class,
                OpsCommands.Dlq.class,
                OpsCommands.Stats.class,
                CommandLine.HelpCommand.class
        })
public final class ServicebotCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new ServicebotCommand())
                .setExecutionExceptionHandler(ServicebotCommand::explain);
    }

    /** Problems a user can fix get one clear line and exit code 2; anything else also its stack trace. */
    static int explain(Exception thrown, CommandLine commandLine, CommandLine.ParseResult parsed) {
        var err = commandLine.getErr();
        Throwable e = thrown instanceof ExecutionException && thrown.getCause() != null ? thrown.getCause() : thrown;
        if (e instanceof org.apache.kafka.common.errors.TimeoutException) {
            err.println(commandLine.getCommandSpec().qualifiedName() + ": Kafka did not answer (" + e.getMessage()
                    + "); is it running, and is --bootstrap-servers right?");
            return 2;
        }
        if (e instanceof SdkClientException) {
            err.println(commandLine.getCommandSpec().qualifiedName() + ": DynamoDB did not answer (" + e.getMessage()
                    + "); is it running, and is --dynamo-endpoint right?");
            return 2;
        }
        if (e instanceof InvalidRecordException || e instanceof IllegalStateException
                || e instanceof IllegalArgumentException || e instanceof java.io.UncheckedIOException) {
            err.println(commandLine.getCommandSpec().qualifiedName() + ": " + e.getMessage());
            return 2;
        }
        err.println(commandLine.getCommandSpec().qualifiedName() + " failed: " + e);
        e.printStackTrace(err);
        return 1;
    }
}
