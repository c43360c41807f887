package dev.servicebot.cli;

import dev.servicebot.devstack.DevStack;
import dev.servicebot.gateway.GatewayConfig;
import dev.servicebot.gateway.GatewayServer;
import dev.servicebot.notifier.NotifierApp;
import dev.servicebot.processor.ProcessorApp;
import dev.servicebot.sink.SinkApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The whole bot in one process: the devstack (broker, dynalite, topics, tables, sample data), then
 * the processor, the analytics stream, the sink, the notifier and a dev-mode gateway. What `up` runs, and what the
 * end-to-end tests run.
 */
public final class LocalStack implements AutoCloseable {
    private final DevStack stack;
    private final ProcessorApp processor;
    private final ProcessorApp analytics;
    private final SinkApp sink;
    private final NotifierApp notifier;
    private final GatewayServer gateway;

    private LocalStack(DevStack stack, ProcessorApp processor, ProcessorApp analytics, SinkApp sink, NotifierApp notifier,
                       GatewayServer gateway) {
        this.stack = stack;
        this.processor = processor;
        this.analytics = analytics;
        this.sink = sink;
        this.notifier = notifier;
        this.gateway = gateway;
    }

    /** @param gatewayPort and {@code internalPort}: 0 for free ports */
    public static LocalStack start(DevStack.Options options, int gatewayPort, int internalPort) throws InterruptedException {
        DevStack stack = DevStack.start(options);
        Deque<AutoCloseable> started = new ArrayDeque<>(List.of(stack));
        try {
            Path dataDir = options.dataDir();
            // One environment for every service, as compose's x-servicebot block and `up --processes` give it:
            // each service reads its settings through the same Config.fromEnvironment as in production.
            Map<String, String> common = Map.of("SERVICEBOT_KAFKA_BOOTSTRAP", stack.bootstrapServers(),
                    "SERVICEBOT_DYNAMO_ENDPOINT", stack.dynamoEndpoint().toString(),
                    "SERVICEBOT_ENV", options.environment(), "SERVICEBOT_DEV_MODE", "true");
            ProcessorApp processor = push(started, ProcessorApp.start(ProcessorApp.Config.processor(env(common,
                    "SERVICEBOT_PROCESSOR_STATE_DIR", (dataDir == null ? temporary() : dataDir.resolve("processor")).toString(),
                    "SERVICEBOT_PROCESSOR_HTTP_PORT", "0"))));
            ProcessorApp analytics = push(started, ProcessorApp.start(ProcessorApp.Config.analytics(env(common,
                    "SERVICEBOT_ANALYTICS_STATE_DIR", (dataDir == null ? temporary() : dataDir.resolve("analytics")).toString(),
                    "SERVICEBOT_ANALYTICS_HTTP_PORT", "0"))));
            SinkApp sink = push(started, SinkApp.start(SinkApp.Config.fromEnvironment(env(common, "SERVICEBOT_SINK_HTTP_PORT", "0")),
                    stack.dynamo()));
            NotifierApp notifier = push(started, NotifierApp.start(NotifierApp.Config.fromEnvironment(env(common,
                    "SERVICEBOT_NOTIFIER_HTTP_PORT", "0"))));
            GatewayServer gateway = GatewayServer.start(GatewayConfig.fromEnvironment(env(common,
                    "SERVICEBOT_GATEWAY_PORT", Integer.toString(gatewayPort),
                    "SERVICEBOT_GATEWAY_INTERNAL_PORT", Integer.toString(internalPort))), stack.dynamo());
            return new LocalStack(stack, processor, analytics, sink, notifier, gateway);
        } catch (RuntimeException | InterruptedException e) {
            // Stop what did start, newest first, so a failed start leaves nothing running.
            while (!started.isEmpty()) {
                try {
                    started.pop().close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /** The common environment plus one service's own variables (name, value, name, value...). */
    private static Map<String, String> env(Map<String, String> common, String... own) {
        Map<String, String> env = new java.util.HashMap<>(common);
        for (int i = 0; i < own.length; i += 2) {
            env.put(own[i], own[i + 1]);
        }
        return env;
    }

    public DevStack devStack() {
        return stack;
    }

    public GatewayServer gateway() {
        return gateway;
    }

    public ProcessorApp processor() {
        return processor;
    }

    public SinkApp sink() {
        return sink;
    }

    public NotifierApp notifier() {
        return notifier;
    }

    @Override
    public void close() {
        gateway.close();
        notifier.close();
        sink.close();
        analytics.close();
        processor.close();
        stack.close();
    }

    private static <T extends AutoCloseable> T push(Deque<AutoCloseable> started, T service) {
        started.push(service);
        return service;
    }

    private static Path temporary() {
        try {
            return Files.createTempDirectory("servicebot-processor-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
