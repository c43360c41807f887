package dev.servicebot.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/topics.md is generated from the descriptors; this fails when someone changed one and not the other. */
class TopicCatalogTest {
    private static final Path DOC = Path.of("..").resolve(TopicCatalog.DOC);

    @Test
    void docsTopicsIsUpToDate() throws Exception {
        String expected = TopicCatalog.markdown();
        if (Boolean.getBoolean("topics.doc.write")) {
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
        }
        assertThat(DOC).exists();
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
                .as("docs/topics.md is stale: run mvn -q -pl topics test -Dtest=TopicCatalogTest -Dtopics.doc.write=true")
                .isEqualTo(expected);
    }

    @Test
    void theCatalogCoversEveryTopicAndItsHeaders() {
        String md = TopicCatalog.markdown();
        for (Topic<?, ?> topic : Topics.ALL) {
            assertThat(md).contains("## " + topic.name(), "kcat -b 127.0.0.1:9092 -C -t " + topic.name(), topic.eventType());
            topic.headers().keySet().forEach(h -> assertThat(md).contains("`" + h + "`"));
        }
        assertThat(md).contains("ce_specversion", "ce_id", "ce_source", "ce_time", "content-type");
    }
}
