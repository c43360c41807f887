package dev.servicebot.cli;

import dev.servicebot.devstack.DevStack;
import dev.servicebot.devstack.Ports;
import dev.servicebot.gateway.GatewayServer;
import dev.servicebot.topics.Topic;
import dev.servicebot.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the whole local stack in this process until Ctrl-C. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {
                "Start a local stack with no Docker: a Kafka broker and dynalite (a DynamoDB-compatible server) on 127.0.0.1,",
                "every topic, the four tables and, on a new stack, the sample data; then the processor, the sink, the notifier",
                "and the gateway (dev mode, with the chat page). Blocks until Ctrl-C, then stops everything.",
                "What it started is written to .servicebot/stack.json."})
final class UpCommand implements Callable<Integer> {

    @Option(names = "--kafka-port", defaultValue = "${env:SERVICEBOT_KAFKA_PORT:-9092}",
            description = "Kafka port on 127.0.0.1; 0 picks a free one (env SERVICEBOT_KAFKA_PORT, default ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--dynamo-port", defaultValue = "${env:SERVICEBOT_DYNAMO_PORT:-8000}",
            description = "DynamoDB API port on 127.0.0.1; 0 picks a free one (env SERVICEBOT_DYNAMO_PORT, default ${DEFAULT-VALUE}).")
    int dynamoPort;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:SERVICEBOT_DATA_DIR}",
            description = "Keep broker and DynamoDB data here across restarts (env SERVICEBOT_DATA_DIR; default: temporary, deleted on exit).")
    Path dataDir;

    @Option(names = "--gateway-port", defaultValue = "${env:SERVICEBOT_GATEWAY_PORT:-7070}",
            description = "Chat page and WebSocket port on 127.0.0.1 (env SERVICEBOT_GATEWAY_PORT, default ${DEFAULT-VALUE}).")
    int gatewayPort;

    @Option(names = "--gateway-internal-port", defaultValue = "${env:SERVICEBOT_GATEWAY_INTERNAL_PORT:-7071}",
            description = "The gateway's internal delivery port (env SERVICEBOT_GATEWAY_INTERNAL_PORT, default ${DEFAULT-VALUE}).")
    int gatewayInternalPort;

    @Option(names = "--env", defaultValue = "${env:SERVICEBOT_ENV:-dev}",
            description = "Environment: tables are named {env}-customers etc. (env SERVICEBOT_ENV, default ${DEFAULT-VALUE}).")
    String environment;

    @Option(names = "--no-seed", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Load the sample data into a new stack (default: yes).")
    boolean seed;

    @Option(names = "--state-file", defaultValue = ".servicebot/stack.json",
            description = "Where to write what was started (default ${DEFAULT-VALUE}).")
    Path stateFile;

    @Option(names = "--processes", description = {"Run the docker-compose topology as separate OS processes instead of one JVM:",
            "a broker JVM, dynalite, the init steps, processor(s), analytics, sink, notifier and two gateways (7070, 7072),",
            "each with its own log under <data-dir>/logs and its PID in the state file."})
    boolean processes;

    @Option(names = "--processors", defaultValue = "1", description = "With --processes: processor instances, 1 or 2 (default ${DEFAULT-VALUE}).")
    int processors;

    @Override
    public Integer call() throws Exception {
        if (processes) {
            return runProcesses();
        }
        Instant begin = Instant.now();
        LocalStack local;
        try {
            Ports.claim(gatewayPort, "gateway, --gateway-port");
            Ports.claim(gatewayInternalPort, "gateway internal port, --gateway-internal-port");
            local = LocalStack.start(new DevStack.Options(kafkaPort, dynamoPort, dataDir, environment, seed), gatewayPort, gatewayInternalPort);
        } catch (Ports.PortInUseException e) {
            String flag = e.port() == kafkaPort ? "--kafka-port" : e.port() == dynamoPort ? "--dynamo-port" : "the flag named above";
            throw new IllegalStateException(e.getMessage() + " with " + flag + " (0 picks a free one)", e);
        }
        DevStack stack = local.devStack();
        GatewayServer gateway = local.gateway();
        StackFile file = new StackFile(stateFile);
        CountDownLatch stopped = stopOnShutdown(local::close, file);
        file.write(stack, dataDir, gateway);

        Duration took = Duration.between(begin, Instant.now());
        System.out.println();
        System.out.println("servicebot stack is up (" + took.toMillis() / 100 / 10.0 + " s)");
        String chat = "http://127.0.0.1:" + gateway.publicPort() + "/";
        System.out.println("  chat page      " + chat + "  (pick a customer and chat)");
        System.out.println("  WebSocket      ws://127.0.0.1:" + gateway.publicPort() + "/chat?token=<JWT>; a dev token: curl -s -X POST "
                + chat + "dev/token -d '{\"customerId\":\"cust_001\"}'");
        System.out.println("  Kafka          " + stack.bootstrapServers());
        System.out.println("  DynamoDB API   " + stack.dynamoEndpoint() + "  (pid " + stack.dynalite().pid() + ")");
        System.out.println("  tables         " + String.join(", ", stack.tables().all()));
        System.out.println("  topics         " + Topics.ALL.size() + " (" + Topics.ALL.stream().map(Topic::name).findFirst().orElse("") + ", ...)");
        System.out.println("  sample data    " + (stack.seeded() ? "loaded" : seed ? "kept from the previous run" : "not loaded"));
        System.out.println("  data           " + (dataDir == null ? "temporary (deleted on exit)" : dataDir.toAbsolutePath()));
        System.out.println("  state file     " + stateFile.toAbsolutePath());
        System.out.println("Press Ctrl-C to stop.");
        stopped.await();
        return 0;
    }

    /** Ctrl-C or SIGTERM closes the stack and removes its state file; the latch opens once it has. */
    private static CountDownLatch stopOnShutdown(Runnable close, StackFile file) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nstopping the stack...");
            close.run();
            file.delete();
            System.out.println("stopped.");
            stopped.countDown();
        }, "servicebot-stop"));
        return stopped;
    }

    private int runProcesses() throws Exception {
        if (processors < 1 || processors > 2) {
            throw new IllegalArgumentException("--processors is 1 or 2");
        }
        Instant begin = Instant.now();
        Path dir = dataDir != null ? dataDir : java.nio.file.Files.createTempDirectory("servicebot-processes");
        ProcessStack stack = ProcessStack.start(new ProcessStack.Options(dir, false, processors, environment));
        StackFile file = new StackFile(stateFile);
        CountDownLatch stopped = stopOnShutdown(stack::close, file);
        stack.writeState(stateFile);
        System.out.println();
        System.out.println("servicebot stack is up as processes (" + Duration.between(begin, Instant.now()).toMillis() / 100 / 10.0 + " s)");
        for (String name : stack.names()) {
            System.out.printf("  %-12s pid %-8d %s%n", name, stack.pid(name), name.equals("dynamodb") ? stack.dynamoEndpoint()
                    : name.equals("broker") ? stack.bootstrapServers() : stack.log(name));
        }
        System.out.println("  chat page    http://127.0.0.1:" + stack.gatewayPort("gateway-a") + "/ and http://127.0.0.1:"
                + stack.gatewayPort("gateway-b") + "/");
        System.out.println("  data         " + dir.toAbsolutePath() + (dataDir == null ? " (temporary)" : ""));
        System.out.println("  state file   " + stateFile.toAbsolutePath());
        System.out.println("Press Ctrl-C to stop.");
        stopped.await();
        return 0;
    }
}
