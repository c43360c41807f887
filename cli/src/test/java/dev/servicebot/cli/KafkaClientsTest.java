package dev.servicebot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Kafka client the services and commands make takes this process's TLS and SASL settings
 * (KafkaAccess): a client made any other way would speak PLAINTEXT to a broker that requires more,
 * or, worse, to one that does not.
 */
class KafkaClientsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> SERVICES = List.of("topics", "ingest-gateway", "processor", "sink-dynamo", "notifier", "cli");
    private static final Pattern CLIENT = Pattern.compile("new KafkaProducer<>\\(|new KafkaConsumer<>\\(|Admin\\.create\\(|AdminClient\\.create\\(|new KafkaStreams\\(");

    @Test
    void everyClientIsConfiguredThroughKafkaAccess() throws IOException {
        List<String> clients = new ArrayList<>();
        List<String> unsecured = new ArrayList<>();
        for (String module : SERVICES) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String source = Files.readString(file);
                    Matcher client = CLIENT.matcher(source);
                    while (client.find()) {
                        String call = source.substring(client.start(), Math.min(source.length(), client.end() + 60));
                        String where = ROOT.relativize(file) + ": " + call.lines().findFirst().orElse("");
                        clients.add(where);
                        // The settings in the call itself; the processor's streams take them in its one streamsConfig.
                        boolean secured = call.substring(call.indexOf('(') + 1).startsWith("KafkaAccess.clientConfig(")
                                || (call.startsWith("new KafkaStreams(") && source.contains("props.putAll(KafkaAccess.settings())"));
                        if (!secured) {
                            unsecured.add(where);
                        }
                    }
                }
            }
        }
        assertThat(clients).as("the scan finds the services' clients").hasSizeGreaterThanOrEqualTo(10);
        assertThat(unsecured).as("clients made without KafkaAccess").isEmpty();
    }
}
