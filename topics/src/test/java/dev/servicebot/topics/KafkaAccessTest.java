package dev.servicebot.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaAccessTest {
    @TempDir
    Path dir;

    @Test
    void tlsAndSaslSettingsComeFromTheNamedFile() throws Exception {
        Path file = Files.writeString(dir.resolve("client.properties"), """
                security.protocol=SASL_SSL
                sasl.mechanism=SCRAM-SHA-512
                sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="gateway" password="s3cret";
                ssl.truststore.location=/etc/servicebot/truststore.p12
                """);
        Map<String, String> settings = KafkaAccess.read(Map.of(KafkaAccess.FILE_SETTING, file.toString()));
        assertThat(settings).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsKeys("sasl.jaas.config", "ssl.truststore.location").hasSize(4);
    }

    @Test
    void withoutAFileClientsSpeakPlaintext() {
        assertThat(KafkaAccess.read(Map.of())).isEmpty();
        assertThat(KafkaAccess.read(Map.of(KafkaAccess.FILE_SETTING, ""))).isEmpty();
        // This test JVM names no file: a client's config is its own settings and the address.
        assertThat(KafkaAccess.clientConfig("127.0.0.1:9092", Map.of("acks", "all")))
                .isEqualTo(Map.of("acks", "all", "bootstrap.servers", "127.0.0.1:9092"));
    }

    @Test
    void aSettingThatIsNotAboutAccessIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("client.properties"), "security.protocol=SSL\nisolation.level=read_uncommitted\n");
        assertThatThrownBy(() -> KafkaAccess.read(Map.of(KafkaAccess.FILE_SETTING, file.toString())))
                .hasMessageContaining("isolation.level").hasMessageContaining("only security.protocol, ssl.* and sasl.*");
    }

    @Test
    void aMissingFileIsAClearError() {
        assertThatThrownBy(() -> KafkaAccess.read(Map.of(KafkaAccess.FILE_SETTING, dir.resolve("nope.properties").toString())))
                .hasMessageContaining(KafkaAccess.FILE_SETTING).hasMessageContaining("nope.properties");
    }
}
