package dev.servicebot.devstack;

import dev.servicebot.topics.tables.DynamoClients;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * dynalite, a DynamoDB-compatible server, as a child process on 127.0.0.1.
 * It is started through {@code devstack/dynalite-server.js}, which exits when our stdin pipe
 * closes, so it cannot outlive this JVM however the JVM ends.
 */
public final class Dynalite implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("dynalite");
    private static final Duration STARTUP = Duration.ofSeconds(30);

    private final Process process;
    private final int port;
    private final Thread shutdownHook;

    private Dynalite(Process process, int port) {
        this.process = process;
        this.port = port;
        this.shutdownHook = new Thread(this::stopProcess, "dynalite-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * @param port    the port, or 0 for a free one
     * @param dataDir where LevelDB keeps the tables, or null to keep them in memory
     */
    public static Dynalite start(int port, Path dataDir) {
        int actualPort = Ports.claim(port, "DynamoDB API (dynalite)");
        Path home = home();
        List<String> command = new ArrayList<>(List.of(node(), home.resolve("dynalite-server.js").toString(),
                "--host", Ports.HOST, "--port", Integer.toString(actualPort)));
        try {
            if (dataDir != null) {
                Files.createDirectories(dataDir);
                command.addAll(List.of("--path", dataDir.toAbsolutePath().toString()));
            }
            Process process = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true).start();
            Dynalite dynalite = new Dynalite(process, actualPort);
            dynalite.forwardOutput();
            dynalite.awaitHealthy();
            log.info("dynalite listening on {} (pid {}, data {})", dynalite.endpoint(), process.pid(),
                    dataDir == null ? "in memory" : dataDir);
            return dynalite;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start dynalite with " + String.join(" ", command)
                    + " (is Node.js 20+ on the PATH? set SERVICEBOT_NODE to its path otherwise)", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://" + Ports.HOST + ":" + port);
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** A client for this server; the caller closes it. */
    public DynamoDbClient client() {
        return DynamoClients.local(endpoint());
    }

    @Override
    public void close() {
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook runs anyway, and stopping twice is harmless.
        }
    }

    private void stopProcess() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        log.info("dynalite on port {} stopped", port);
    }

    /** Healthy means a real ListTables call answers, not merely an open port. */
    private void awaitHealthy() {
        Instant deadline = Instant.now().plus(STARTUP);
        try (DynamoDbClient client = client()) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("dynalite exited with code " + process.exitValue() + " during start-up; see the dynalite log lines above");
                }
                try {
                    client.listTables();
                    return;
                } catch (SdkException e) {
                    if (Instant.now().isAfter(deadline)) {
                        close();
                        throw new IllegalStateException("dynalite did not answer ListTables within " + STARTUP.toSeconds() + " s", e);
                    }
                    sleep(100);
                }
            }
        }
    }

    private void forwardOutput() {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(line -> log.info("{}", line));
            } catch (IOException e) {
                // The process ended; nothing more to read.
            }
        }, "dynalite-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** The folder with dynalite-server.js and its node_modules. */
    static Path home() {
        String configured = System.getProperty("servicebot.devstack.dir", System.getenv("SERVICEBOT_DEVSTACK_DIR"));
        if (configured != null && !configured.isBlank()) {
            return check(Path.of(configured));
        }
        // From the repository root, from a module folder (tests), or from devstack itself.
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate : List.of(dir.resolve("devstack"), dir)) {
                if (Files.exists(candidate.resolve("dynalite-server.js"))) {
                    return check(candidate);
                }
            }
        }
        throw new IllegalStateException("cannot find devstack/dynalite-server.js from " + Path.of("").toAbsolutePath()
                + "; run from the repository or set SERVICEBOT_DEVSTACK_DIR");
    }

    private static Path check(Path home) {
        if (!Files.exists(home.resolve("node_modules/dynalite/package.json"))) {
            throw new IllegalStateException("dynalite is not installed in " + home.resolve("node_modules")
                    + "; run `mvn -pl devstack generate-resources` or `npm ci` in " + home);
        }
        return home.toAbsolutePath();
    }

    private static String node() {
        String node = System.getenv("SERVICEBOT_NODE");
        return node == null || node.isBlank() ? "node" : node;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for dynalite", e);
        }
    }
}
