package dev.servicebot.cli;

import dev.servicebot.gateway.GatewayConfig;
import dev.servicebot.gateway.GatewayServer;
import dev.servicebot.notifier.NotifierApp;
import dev.servicebot.processor.ProcessorApp;
import dev.servicebot.sink.SinkApp;
import dev.servicebot.topics.Deployment;
import dev.servicebot.topics.tables.DynamoClients;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Each service alone, for real deployments: configured by environment variables (the README's
 * table), against an external Kafka and DynamoDB, running until SIGTERM or Ctrl-C.
 */
final class ServiceCommands {
    private ServiceCommands() {
    }

    /** Runs until the JVM is asked to stop, then closes the service. */
    static int runUntilStopped(AutoCloseable service, String name) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                service.close();
            } catch (Exception e) {
                System.err.println(name + " did not stop cleanly: " + e);
            }
            stopped.countDown();
        }, name + "-stop"));
        // How long a start takes, the JVM's own included: the figure a restart's recovery time is made of.
        long sinceJvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
        System.out.println(name + " running, " + sinceJvmStart + " ms after its JVM started; SIGTERM or Ctrl-C stops it.");
        stopped.await();
        return 0;
    }

    static DynamoDbClient dynamo(Map<String, String> env) {
        return DynamoClients.forEndpoint(Deployment.fromEnvironment(env).dynamoEndpoint());
    }

    @Command(name = "gateway", mixinStandardHelpOptions = true,
            description = "Run the ingest gateway: the chat page, the WebSocket, the profile API and the internal delivery endpoint.")
    static final class Gateway implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            Map<String, String> env = System.getenv();
            GatewayConfig config = GatewayConfig.fromEnvironment(env);
            // The AWS SDK's first client (~0.5 s of loading and setup) is built while the gateway starts the rest.
            CompletableFuture<DynamoDbClient> dynamo = CompletableFuture.supplyAsync(() -> DynamoClients.forEndpoint(config.dynamoEndpoint()),
                    step -> new Thread(step, "gateway-start-dynamodb").start());
            GatewayServer server = GatewayServer.start(config, dynamo);
            return runUntilStopped(() -> {
                server.close();
                dynamo.join().close();
            }, "gateway");
        }
    }

    @Command(name = "processor", mixinStandardHelpOptions = true,
            description = "Run the processor (Kafka Streams, exactly once): understands, decides, acts and replies.")
    static final class Processor implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            return runUntilStopped(ProcessorApp.start(ProcessorApp.Config.processor(System.getenv())), "processor");
        }
    }

    @Command(name = "analytics", mixinStandardHelpOptions = true,
            description = "Run the analytics stream (Kafka Streams): hourly counts of denied requests per tier and action, and of requests per type.")
    static final class Analytics implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            return runUntilStopped(ProcessorApp.start(ProcessorApp.Config.analytics(System.getenv())), "analytics");
        }
    }

    @Command(name = "sink", mixinStandardHelpOptions = true,
            description = "Run sink-dynamo: the history, customers, service levels and connections into DynamoDB.")
    static final class Sink implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            Map<String, String> env = System.getenv();
            DynamoDbClient dynamo = dynamo(env);
            SinkApp sink = SinkApp.start(SinkApp.Config.fromEnvironment(env), dynamo);
            return runUntilStopped(() -> {
                sink.close();
                dynamo.close();
            }, "sink");
        }
    }

    @Command(name = "notifier", mixinStandardHelpOptions = true,
            description = "Run the notifier: pushes replies to the customers' live connections through their gateways.")
    static final class Notifier implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            return runUntilStopped(NotifierApp.start(NotifierApp.Config.fromEnvironment(System.getenv())), "notifier");
        }
    }
}
