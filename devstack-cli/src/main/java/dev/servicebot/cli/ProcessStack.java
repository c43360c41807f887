package dev.servicebot.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.servicebot.devstack.Dynalite;
import dev.servicebot.devstack.Ports;
import dev.servicebot.topics.Json;
import dev.servicebot.topics.health.KafkaHealth;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The docker-compose topology as OS processes on this machine (there is no Docker engine here): a
 * KRaft broker JVM, dynalite, the init steps, then the processor(s), analytics, sink, notifier and
 * two gateways, each its own {@code servicebot} process with the environment docker-compose.yml
 * gives it, its own log and PID. The fault suite kills and restarts them by name; a restart reuses
 * the same data, ports and environment.
 */
public final class ProcessStack implements AutoCloseable {
    /** One process of the stack: what it runs, with which environment, and where it says it is working. */
    public record Component(String name, List<String> args, Map<String, String> env, int healthPort) {
    }

    /**
     * @param dir        data (broker, DynamoDB, stream state) and logs live here
     * @param freePorts  pick free ports for everything (tests); otherwise the compose ports (9092, 8000, 7070...)
     * @param processors processor instances (1 or 2)
     */
    public record Options(Path dir, boolean freePorts, int processors, String environment) {
    }

    private static final Duration READY = Duration.ofSeconds(120);
    private final Options options;
    private final int kafkaPort;
    private final int dynamoPort;
    private final Map<String, Component> components = new LinkedHashMap<>();
    private final Map<String, Process> running = new LinkedHashMap<>();
    private final Path logs;
    private final java.util.Set<Integer> taken = new java.util.HashSet<>();
    private Dynalite dynalite;
    private KafkaHealth broker; // one admin client for every probe of the broker, not one per probe
    private ClassDataSharing cds;

    private ProcessStack(Options options) {
        this.options = options;
        this.kafkaPort = port(9092);
        this.dynamoPort = port(8000);
        this.logs = options.dir().resolve("logs");
    }

    /** Starts everything in compose's order, each one working (its /health 200) before the next. */
    public static ProcessStack start(Options options) {
        ProcessStack stack = new ProcessStack(options);
        try {
            stack.boot();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void boot() {
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        cds = ClassDataSharing.prepare(options.dir(), System.getProperty("java.class.path"));
        define(new Component("broker", List.of("broker", "--port", Integer.toString(kafkaPort),
                "--data-dir", options.dir().resolve("kafka").toAbsolutePath().toString()), Map.of(), 0));
        start("broker");
        broker = new KafkaHealth(bootstrapServers());
        dynalite = Dynalite.start(dynamoPort, options.dir().resolve("dynamodb"));
        // The init steps, as compose's init container runs them.
        for (List<String> step : List.of(List.of("topics", "create", "--fix"), List.of("tables", "create"), List.of("seed"))) {
            runToEnd(String.join("-", step), step);
        }
        for (int i = 1; i <= options.processors(); i++) {
            int http = port(i == 1 ? 7083 : 7085);
            define(new Component("processor-" + i, List.of("processor"), Map.of(
                    "SERVICEBOT_PROCESSOR_STATE_DIR", options.dir().resolve("processor-" + i).toAbsolutePath().toString(),
                    "SERVICEBOT_PROCESSOR_HTTP_PORT", Integer.toString(http)), http));
        }
        int analytics = port(7084);
        define(new Component("analytics", List.of("analytics"), Map.of(
                "SERVICEBOT_ANALYTICS_STATE_DIR", options.dir().resolve("analytics").toAbsolutePath().toString(),
                "SERVICEBOT_ANALYTICS_HTTP_PORT", Integer.toString(analytics)), analytics));
        int sink = port(7081);
        define(new Component("sink", List.of("sink"), Map.of("SERVICEBOT_SINK_CREATE_TABLES", "false",
                "SERVICEBOT_SINK_HTTP_PORT", Integer.toString(sink)), sink));
        int notifier = port(7082);
        define(new Component("notifier", List.of("notifier"), Map.of("SERVICEBOT_NOTIFIER_HTTP_PORT", Integer.toString(notifier)), notifier));
        gateway("gateway-a", port(7070), port(7071));
        gateway("gateway-b", port(7072), port(7073));
        for (String name : components.keySet()) {
            if (!running.containsKey(name)) {
                start(name);
            }
        }
        for (String name : components.keySet()) {
            awaitWorking(name, READY);
        }
        // Restarts (a crash, the fault suite's kills) start from each kind's class data archive.
        for (String name : components.keySet()) {
            cds.dumpIfMissing(name, pid(name));
        }
    }

    private void gateway(String name, int publicPort, int internalPort) {
        define(new Component(name, List.of("gateway"), Map.of("SERVICEBOT_GATEWAY_ID", name,
                "SERVICEBOT_GATEWAY_PORT", Integer.toString(publicPort),
                "SERVICEBOT_GATEWAY_INTERNAL_PORT", Integer.toString(internalPort),
                "SERVICEBOT_GATEWAY_DELIVERY_URL", "http://127.0.0.1:" + internalPort), publicPort));
    }

    private void define(Component component) {
        components.put(component.name(), component);
    }

    /**
     * The environment every service gets, as compose's x-servicebot block with docker-compose.dev.yml gives
     * it: dev mode, so the secrets are the dev defaults, and everything on 127.0.0.1.
     */
    private Map<String, String> commonEnvironment() {
        return Map.of("SERVICEBOT_KAFKA_BOOTSTRAP", bootstrapServers(),
                "SERVICEBOT_DYNAMO_ENDPOINT", "http://127.0.0.1:" + dynamoPort,
                "SERVICEBOT_ENV", options.environment(),
                "SERVICEBOT_DEV_MODE", "true");
    }

    private ProcessBuilder builder(String logName, List<String> javaOptions, List<String> args, Map<String, String> env) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(javaOptions);
        String opts = System.getenv("SERVICEBOT_CHILD_JAVA_OPTS");
        if (opts != null && !opts.isBlank()) {
            command.addAll(List.of(opts.trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", cds.classpath(), DevServicebotCommand.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(logName + ".log").toFile()));
        builder.environment().putAll(commonEnvironment());
        builder.environment().putAll(env);
        // Children end with this process even when it is killed -9 (see DevServicebotCommand.main).
        builder.environment().put(DevServicebotCommand.PARENT_PID, Long.toString(ProcessHandle.current().pid()));
        return builder;
    }

    private void runToEnd(String name, List<String> args) {
        try {
            Process step = builder(name, List.of(), args, Map.of()).start();
            if (!step.waitFor(120, TimeUnit.SECONDS) || step.exitValue() != 0) {
                step.destroyForcibly();
                throw new IllegalStateException("init step '" + String.join(" ", args) + "' failed; see " + logs.resolve(name + ".log"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts (or starts again) a component; it is not necessarily working yet ({@link #awaitWorking}). */
    public synchronized void start(String name) {
        if (name.equals("dynamodb")) {
            dynalite = Dynalite.start(dynamoPort, options.dir().resolve("dynamodb"));
            return;
        }
        Component c = component(name);
        try {
            ProcessBuilder builder = builder(name, cds.javaOptions(name), c.args(), c.env());
            builder.environment().put(dev.servicebot.topics.GroupMembership.INSTANCE_ID, name); // a restart is the same member
            running.put(name, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** kill -9: no shutdown hook, no goodbye to the consumer group, no flush. */
    public synchronized void kill(String name) {
        ProcessHandle handle = ProcessHandle.of(pid(name)).orElseThrow();
        handle.destroyForcibly();
        handle.onExit().join();
    }

    /** SIGTERM, as Ctrl-C or an orchestrator's stop: the service closes cleanly (leaves its group, commits). */
    public synchronized void stop(String name) {
        if (name.equals("dynamodb")) {
            dynalite.close();
            return;
        }
        Process process = running.get(name);
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits until the component works: its /health is 200 (the broker: it answers; dynalite: ListTables). */
    public void awaitWorking(String name, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!working(name)) {
            if (name.equals("broker") || name.equals("dynamodb") || running.get(name) == null || running.get(name).isAlive()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(name + " is not working after " + timeout.toSeconds() + " s; see " + log(name));
                }
            } else {
                throw new IllegalStateException(name + " exited with " + running.get(name).exitValue() + "; see " + log(name));
            }
            sleep(100);
        }
    }

    /** Whether the component says it is working right now. */
    public boolean working(String name) {
        if (name.equals("dynamodb")) {
            try (var client = dynalite.client()) {
                client.listTables();
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        }
        if (name.equals("broker")) {
            return broker.reachable();
        }
        // A plain connection with both timeouts: a probe must never hang on a process that is starting or gone.
        try {
            var connection = (java.net.HttpURLConnection) URI.create("http://127.0.0.1:" + component(name).healthPort() + "/health")
                    .toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(3000);
            try {
                return connection.getResponseCode() == 200;
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    public long pid(String name) {
        if (name.equals("dynamodb")) {
            return dynalite.pid();
        }
        Process process = running.get(name);
        if (process == null) {
            throw new IllegalArgumentException("no component " + name + "; the stack has " + names());
        }
        return process.pid();
    }

    /** Every component, in start order: broker, dynamodb, then the services. */
    public List<String> names() {
        List<String> names = new ArrayList<>(List.of("broker", "dynamodb"));
        components.keySet().stream().filter(n -> !n.equals("broker")).forEach(names::add);
        return names;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    public URI dynamoEndpoint() {
        return URI.create("http://127.0.0.1:" + dynamoPort);
    }

    /** The public port of a gateway ("gateway-a", "gateway-b"). */
    public int gatewayPort(String name) {
        return component(name).healthPort();
    }

    public String environment() {
        return options.environment();
    }

    public Path log(String name) {
        return logs.resolve(name + ".log");
    }

    private Component component(String name) {
        Component c = components.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no component " + name + "; the stack has " + names());
        }
        return c;
    }

    /** {@code .servicebot/stack.json}: every component with its pid, port and log. */
    public void writeState(Path file) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("mode", "processes");
        state.put("pid", ProcessHandle.current().pid());
        state.put("startedAt", Instant.now().toString());
        state.put("environment", options.environment());
        state.put("dataDir", options.dir().toAbsolutePath().toString());
        state.put("kafka", Map.of("bootstrapServers", bootstrapServers()));
        state.put("dynamodb", Map.of("endpoint", dynamoEndpoint().toString()));
        List<Map<String, Object>> list = new ArrayList<>();
        for (String name : names()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", name);
            entry.put("pid", pid(name));
            entry.put("port", name.equals("broker") ? kafkaPort : name.equals("dynamodb") ? dynamoPort : component(name).healthPort());
            entry.put("log", name.equals("dynamodb") ? null : log(name).toAbsolutePath().toString());
            list.add(entry);
        }
        state.put("components", list);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, Json.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(state));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Stops the services newest first (SIGTERM, then SIGKILL after 30 s), then dynalite and the broker. */
    @Override
    public synchronized void close() {
        List<String> names = new ArrayList<>(running.keySet());
        java.util.Collections.reverse(names);
        for (String name : names) {
            stop(name);
        }
        if (dynalite != null) {
            dynalite.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private int port(int composePort) {
        if (!options.freePorts()) {
            return composePort;
        }
        int port;
        do {
            port = Ports.free();
        } while (!taken.add(port)); // the OS may hand out a port again before anything listens on it
        return port;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
