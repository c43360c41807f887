package dev.servicebot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The services' jar and image (the Dockerfile copies cli/target/lib) carry what the services run and
 * nothing of the local stack or of the tests. Checked on the runtime dependency list the build writes
 * before the tests, of the same scope as lib/ (which exists only after package).
 */
class ProductionClasspathTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path RUNTIME_CLASSPATH = Path.of("target", "runtime-classpath.txt");

    /** Artifact name prefixes that belong to `up` (devstack-cli) or to the tests, never to a service. */
    private static final List<String> NOT_FOR_SERVICES = List.of(
            "devstack",                                      // devstack and devstack-cli: the local stack
            "kafka_2.13", "kafka-server", "kafka-raft", "kafka-metadata", "kafka-storage", "scala-", // the broker
            "jetty-ee10-webapp", "jetty-ee-webapp", "jetty-ee10-annotations", // WAR deployment, unused by Javalin
            "junit", "opentest4j", "assertj", "awaitility", "selenium", "kafka-streams-test-utils"); // tests

    @Test
    void theServicesRuntimeHasNoDevstackNoBrokerAndNoTestLibrary() throws IOException {
        assertThat(RUNTIME_CLASSPATH).as("written by the build (dependency:build-classpath); run the test through Maven").exists();
        List<String> artifacts = Arrays.stream(Files.readString(RUNTIME_CLASSPATH).trim().split(File.pathSeparator))
                .map(entry -> artifactName(Path.of(entry))).toList();
        // The list is the real one: the services and their libraries are on it.
        assertThat(artifacts).contains("topics", "processor", "ingest-gateway", "sink-dynamo", "notifier",
                "kafka-clients", "kafka-streams", "javalin", "picocli", "logback-classic");
        assertThat(artifacts).noneMatch(artifact -> NOT_FOR_SERVICES.stream().anyMatch(artifact::startsWith));
    }

    /**
     * A module of this build is its folder (…/processor/target/classes or …/processor/target/x.jar); a
     * library from the local repository is its artifactId folder (…/artifactId/version/file.jar).
     */
    static String artifactName(Path entry) {
        Path absolute = entry.toAbsolutePath().normalize();
        if (absolute.startsWith(ROOT)) {
            return ROOT.relativize(absolute).getName(0).toString();
        }
        return absolute.getParent().getParent().getFileName().toString();
    }
}
