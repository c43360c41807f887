package dev.servicebot.devstack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka 4.4 broker (KRaft, combined broker and controller, one node) in this JVM,
 * on 127.0.0.1. With no data directory it uses a temporary one and deletes it on close;
 * with one, it keeps its data across restarts.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final KafkaRaftServer server;
    private final int port;
    private final int saslPort;
    private final Path dataDir;
    private final boolean temporary;

    private EmbeddedKafka(KafkaRaftServer server, int port, int saslPort, Path dataDir, boolean temporary) {
        this.server = server;
        this.port = port;
        this.saslPort = saslPort;
        this.dataDir = dataDir;
        this.temporary = temporary;
    }

    /**
     * @param port    the client port, or 0 for a free one
     * @param dataDir where the log lives, or null for a temporary directory
     */
    public static EmbeddedKafka start(int port, Path dataDir) {
        return start(port, dataDir, null, null);
    }

    /**
     * A temporary broker with a second, SASL_PLAINTEXT listener ({@link #saslBootstrapServers()}) that
     * admits one PLAIN user: for testing that clients given SASL settings can reach a broker that
     * requires them, and clients without cannot.
     */
    public static EmbeddedKafka startWithSasl(String user, String password) {
        return start(0, null, user, password);
    }

    private static EmbeddedKafka start(int port, Path dataDir, String saslUser, String saslPassword) {
        int clientPort = Ports.claim(port, "Kafka");
        int controllerPort = Ports.free();
        int saslPort = saslUser == null ? -1 : Ports.free();
        boolean temporary = dataDir == null;
        try {
            Path dir = temporary ? Files.createTempDirectory("servicebot-kafka-") : Files.createDirectories(dataDir);
            Properties props = properties(clientPort, controllerPort, dir);
            if (saslUser != null) {
                String plain = "PLAINTEXT://" + Ports.HOST + ":" + clientPort;
                String sasl = "SASL_PLAINTEXT://" + Ports.HOST + ":" + saslPort;
                props.put("listeners", plain + "," + sasl + ",CONTROLLER://" + Ports.HOST + ":" + controllerPort);
                props.put("advertised.listeners", plain + "," + sasl);
                props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
                props.put("sasl.enabled.mechanisms", "PLAIN");
                props.put("listener.name.sasl_plaintext.plain.sasl.jaas.config",
                        "org.apache.kafka.common.security.plain.PlainLoginModule required user_" + saslUser + "=\"" + saslPassword + "\";");
            }
            KafkaConfig config = KafkaConfig.fromProps(props, false);
            formatIfNeeded(dir);
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            log.info("Kafka broker listening on {}:{} (data in {})", Ports.HOST, clientPort, dir);
            return new EmbeddedKafka(server, clientPort, saslPort, dir, temporary);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the Kafka data directory", e);
        }
    }

    public String bootstrapServers() {
        return Ports.HOST + ":" + port;
    }

    /** The SASL_PLAINTEXT listener's address ({@link #startWithSasl} only). */
    public String saslBootstrapServers() {
        if (saslPort < 0) {
            throw new IllegalStateException("this broker has no SASL listener");
        }
        return Ports.HOST + ":" + saslPort;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        if (temporary) {
            Directories.deleteRecursively(dataDir);
        }
        log.info("Kafka broker on port {} stopped", port);
    }

    private static Properties properties(int clientPort, int controllerPort, Path dir) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@" + Ports.HOST + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + Ports.HOST + ":" + clientPort + ",CONTROLLER://" + Ports.HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + Ports.HOST + ":" + clientPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dir.resolve("log").toString());
        p.put("metadata.log.dir", dir.resolve("meta").toString());
        // One node: every internal topic must fit on it, or transactions (exactly-once) hang.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "6");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        p.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
        return p;
    }

    /** Writes meta.properties and the bootstrap checkpoint once; a kept data dir is reused as is. */
    private static void formatIfNeeded(Path dir) {
        if (Files.exists(dir.resolve("meta").resolve("meta.properties"))) {
            return;
        }
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setClusterId(Uuid.randomUuid().toString())
                    .setNodeId(1)
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(dir.resolve("meta").toString())
                    .setDirectories(List.of(dir.resolve("log").toString(), dir.resolve("meta").toString()))
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format the Kafka data directory " + dir + ": " + e.getMessage(), e);
        }
    }
}
