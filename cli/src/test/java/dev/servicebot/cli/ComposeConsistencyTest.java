package dev.servicebot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * docker-compose.yml cannot run here (no Docker engine), so this keeps it honest: every
 * SERVICEBOT_* variable it sets is one the code reads, every command it runs is one the services' CLI
 * has, and its Kafka is the version the project builds against.
 */
class ComposeConsistencyTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern SETTING = Pattern.compile("^\\s+(SERVICEBOT_[A-Z0-9_]+):", Pattern.MULTILINE);
    private static final Pattern COMMAND = Pattern.compile("^\\s+command: \\[(.*)]", Pattern.MULTILINE);
    private static final Pattern JAR_RUN = Pattern.compile("servicebot\\.jar ([^&\"]+)");

    @Test
    void asShippedItPublishesOnLoopbackOnlyAndNoServiceIsInDevMode() throws IOException {
        String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
        // Every published port, e.g. "127.0.0.1:7070:7070": a bare "7070:7070" would be every host interface.
        Matcher ports = Pattern.compile("^(\\s+)ports:\\n((?:\\1\\s+- .*\\n)+)", Pattern.MULTILINE).matcher(compose);
        List<String> published = new ArrayList<>();
        while (ports.find()) {
            Arrays.stream(ports.group(2).split("\\n")).map(l -> l.trim().substring(2).replace("\"", "").trim()).forEach(published::add);
        }
        assertThat(published).hasSize(2).allSatisfy(port -> assertThat(port).startsWith("127.0.0.1:"));
        assertThat(compose).contains("SERVICEBOT_DEV_MODE: \"false\"").doesNotContain("SERVICEBOT_DEV_MODE: \"true\"")
                .doesNotContain("SERVICEBOT_DEV_MODE_ANY_BIND");
        // Secrets come from the operator's environment, never from the file.
        Matcher secrets = Pattern.compile("^\\s+(SERVICEBOT_[A-Z_]*SECRET): (.*)$", Pattern.MULTILINE).matcher(compose);
        int count = 0;
        while (secrets.find()) {
            count++;
            assertThat(secrets.group(2)).as(secrets.group(1)).isEqualTo("${" + secrets.group(1) + ":-}");
        }
        assertThat(count).isEqualTo(2);
        // Dev mode is one documented override away, for the gateways with the loopback-publishing acknowledgement.
        String dev = Files.readString(ROOT.resolve("docker-compose.dev.yml"));
        assertThat(dev).contains("SERVICEBOT_DEV_MODE: \"true\"", "SERVICEBOT_DEV_MODE_ANY_BIND: \"true\"").doesNotContain("ports:");
        assertThat(Files.readString(ROOT.resolve("README.md"))).contains("docker-compose.dev.yml");
    }

    @Test
    void everyVariableTheComposeFileSetsIsReadByTheServices() throws IOException {
        String compose = Files.readString(ROOT.resolve("docker-compose.yml")) + Files.readString(ROOT.resolve("docker-compose.dev.yml"));
        Set<String> set = new TreeSet<>();
        Matcher m = SETTING.matcher(compose);
        while (m.find()) {
            set.add(m.group(1));
        }
        assertThat(set).contains("SERVICEBOT_KAFKA_BOOTSTRAP", "SERVICEBOT_GATEWAY_DELIVERY_URL");
        String code = mainSources();
        assertThat(set).allSatisfy(variable -> assertThat(code).as(variable + " is read somewhere").contains("\"" + variable + "\""));
        String readme = Files.readString(ROOT.resolve("README.md"));
        assertThat(set).allSatisfy(variable -> assertThat(readme).as(variable + " is in the README's table").contains(variable));
    }

    @Test
    void everyCommandTheComposeFileRunsExistsInTheCli() throws IOException {
        String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
        List<String[]> invocations = new ArrayList<>();
        Matcher command = COMMAND.matcher(compose);
        while (command.find()) {
            invocations.add(Arrays.stream(command.group(1).split(",")).map(a -> a.trim().replace("\"", "")).toArray(String[]::new));
        }
        Matcher jar = JAR_RUN.matcher(compose);
        while (jar.find()) {
            invocations.add(jar.group(1).trim().split("\\s+"));
        }
        assertThat(invocations).extracting(a -> a[0]).contains("gateway", "processor", "sink", "notifier", "topics", "tables", "seed");
        for (String[] args : invocations) {
            // Parsing fails for an unknown command or option; nothing is run.
            CommandLine.ParseResult parsed = ServicebotCommand.commandLine().parseArgs(args);
            assertThat(parsed.hasSubcommand()).as(String.join(" ", args)).isTrue();
        }
    }

    @Test
    void kafkaIsTheVersionTheProjectBuildsAgainstAndKeepsItsLogInItsVolume() throws IOException {
        String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
        Matcher pom = Pattern.compile("<kafka\\.version>([^<]+)</kafka\\.version>").matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertThat(pom.find()).as("the root pom's kafka.version").isTrue();
        Matcher image = Pattern.compile("^\\s+image: apache/kafka:(\\S+)", Pattern.MULTILINE).matcher(compose);
        assertThat(image.find()).as("compose's Kafka service runs apache/kafka").isTrue();
        assertThat(image.group(1)).as("the broker compose runs, against the clients and broker the tests run").isEqualTo(pom.group(1));
        // The volume is only worth having when the broker writes its log there.
        Matcher logDirs = Pattern.compile("^\\s+KAFKA_LOG_DIRS: (\\S+)", Pattern.MULTILINE).matcher(compose);
        assertThat(logDirs.find()).as("KAFKA_LOG_DIRS is set").isTrue();
        assertThat(compose).contains("- kafka-data:" + logDirs.group(1) + "\n");
    }

    private static String mainSources() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/")).toList()) {
                all.append(Files.readString(file));
            }
        }
        return all.toString();
    }
}
