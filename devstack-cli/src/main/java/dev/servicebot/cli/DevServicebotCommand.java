package dev.servicebot.cli;

import dev.servicebot.devstack.Ports;
import picocli.CommandLine;

/**
 * The {@code servicebot} command of a checkout: every command of the services' jar, plus {@code up}
 * (the whole bot on this machine) and {@code broker} (the embedded broker of {@code up --processes}).
 * It is a module of its own so that the services' jar and image carry no broker, no dynalite launcher
 * and no test library; {@code ./servicebot} runs it for {@code up}, {@code broker} and help only.
 */
public final class DevServicebotCommand {
    /** Set by {@link ProcessStack} on its children: the process that started them, which they end with. */
    static final String PARENT_PID = "SERVICEBOT_PARENT_PID";

    private DevServicebotCommand() {
    }

    public static void main(String[] args) {
        String parent = System.getenv(PARENT_PID);
        if (parent != null) {
            // No orphans: when the stack's supervisor goes (even by kill -9), stop as on SIGTERM.
            ProcessHandle.of(Long.parseLong(parent)).ifPresentOrElse(
                    p -> p.onExit().thenRun(() -> System.exit(0)), () -> System.exit(0));
        }
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = ServicebotCommand.commandLine()
                .addSubcommand(new UpCommand())
                .addSubcommand(new BrokerCommand());
        cli.getCommandSpec().usageMessage().footer(new String[0]); // the services' "not in this build" is untrue here
        // Set after adding: picocli hands the handler to the subcommands present at the time.
        return cli.setExecutionExceptionHandler(DevServicebotCommand::explain);
    }

    /** A port the stack needs is taken: one line and exit code 2, like the services' own user errors. */
    private static int explain(Exception thrown, CommandLine commandLine, CommandLine.ParseResult parsed) {
        if (thrown instanceof Ports.PortInUseException) {
            commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": " + thrown.getMessage());
            return 2;
        }
        return ServicebotCommand.explain(thrown, commandLine, parsed);
    }
}
