package dev.servicebot.cli;

import dev.servicebot.devstack.EmbeddedKafka;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The devstack's KRaft broker as a process of its own: the broker of `up --processes`, which kills and restarts it. */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = {"Run a single-node Kafka broker (KRaft, the devstack's) on 127.0.0.1 in this process, until stopped.",
                "For the multi-process stack (up --processes); a deployment runs a real Kafka cluster."})
final class BrokerCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "9092", description = "Port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "Where the broker keeps its log.")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        return ServiceCommands.runUntilStopped(EmbeddedKafka.start(port, dataDir), "broker");
    }
}
