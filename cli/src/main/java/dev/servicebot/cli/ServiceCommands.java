package dev.servicebot.cli;

import dev.servicebot.gateway.GatewayConfig;
import dev.servicebot.gateway.GatewayServer;
import dev.servicebot.notifier.NotifierApp;
import dev.servicebot.processor.ProcessorApp;
import dev.servicebot.processor.SupportPriorities;
import dev.servicebot.sink.SinkApp;
import dev.servicebot.topics.tables.DynamoClients;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.StreamsConfig;
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
        System.out.println(name + " running; SIGTERM or Ctrl-C stops it.");
        stopped.await();
        return 0;
    }

    static DynamoDbClient dynamo(Map<String, String> env) {
        String endpoint = env.getOrDefault("SERVICEBOT_DYNAMO_ENDPOINT", "http://127.0.0.1:8000");
        return DynamoClients.forEndpoint(endpoint);
    }

    @Command(name = "gateway", mixinStandardHelpOptions = true,
            description = "Run the ingest gateway: the chat page, the WebSocket, the profile API and the internal delivery endpoint.")
    static final class Gateway implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            Map<String, String> env = System.getenv();
            GatewayConfig config = GatewayConfig.fromEnvironment(env);
            DynamoDbClient dynamo = dynamo(env);
            GatewayServer server = GatewayServer.start(config, dynamo);
            return runUntilStopped(() -> {
                server.close();
                dynamo.close();
            }, "gateway");
        }
    }

    @Command(name = "processor", mixinStandardHelpOptions = true,
            description = "Run the processor (Kafka Streams, exactly once): understands, decides, acts and replies.")
    static final class Processor implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            Map<String, String> env = System.getenv();
            Properties config = withReplication(env, ProcessorApp.streamsConfig(
                    env.getOrDefault("SERVICEBOT_PROCESSOR_APP_ID", "servicebot-processor"), kafka(env), path(env.get("SERVICEBOT_PROCESSOR_STATE_DIR"))));
            config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.parseInt(env.getOrDefault("SERVICEBOT_PROCESSOR_THREADS", Integer.toString(ProcessorApp.STREAM_THREADS))));
            SupportPriorities priorities = SupportPriorities.parse(
                    env.getOrDefault(SupportPriorities.ENVIRONMENT, SupportPriorities.DEFAULT_SPEC));
            return runUntilStopped(ProcessorApp.start(config, priorities).serve(env.getOrDefault("SERVICEBOT_PROCESSOR_HOST", "127.0.0.1"),
                    Integer.parseInt(env.getOrDefault("SERVICEBOT_PROCESSOR_HTTP_PORT", "7083"))), "processor");
        }
    }

    @Command(name = "analytics", mixinStandardHelpOptions = true,
            description = "Run the analytics stream (Kafka Streams): hourly counts of denied requests per tier and action, and of requests per type.")
    static final class Analytics implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            Map<String, String> env = System.getenv();
            Properties config = withReplication(env, ProcessorApp.analyticsConfig(
                    env.getOrDefault("SERVICEBOT_ANALYTICS_APP_ID", "servicebot-analytics"), kafka(env), path(env.get("SERVICEBOT_ANALYTICS_STATE_DIR"))));
            return runUntilStopped(ProcessorApp.startAnalytics(config).serve(env.getOrDefault("SERVICEBOT_ANALYTICS_HOST", "127.0.0.1"),
                    Integer.parseInt(env.getOrDefault("SERVICEBOT_ANALYTICS_HTTP_PORT", "7084"))), "analytics");
        }
    }

    private static Properties withReplication(Map<String, String> env, Properties config) {
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, Integer.parseInt(env.getOrDefault("SERVICEBOT_REPLICATION_FACTOR", "1")));
        // A static member (Kafka Streams adds each stream thread's number to the name).
        String instance = env.get(dev.servicebot.topics.GroupMembership.INSTANCE_ID);
        if (instance != null && !instance.isBlank()) {
            config.put(StreamsConfig.mainConsumerPrefix(org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), instance);
        }
        return config;
    }

    private static String kafka(Map<String, String> env) {
        return env.getOrDefault("SERVICEBOT_KAFKA_BOOTSTRAP", "127.0.0.1:9092");
    }

    private static Path path(String dir) {
        return dir == null ? null : Path.of(dir);
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

    @Command(name = "broker", mixinStandardHelpOptions = true,
            description = {"Run a single-node Kafka broker (KRaft, the devstack's) on 127.0.0.1 in this process, until stopped.",
                    "For the multi-process stack (up --processes); a deployment runs a real Kafka cluster."})
    static final class Broker implements Callable<Integer> {
        @picocli.CommandLine.Option(names = "--port", defaultValue = "9092", description = "Port (default ${DEFAULT-VALUE}).")
        int port;

        @picocli.CommandLine.Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "Where the broker keeps its log.")
        Path dataDir;

        @Override
        public Integer call() throws Exception {
            return runUntilStopped(dev.servicebot.devstack.EmbeddedKafka.start(port, dataDir), "broker");
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
