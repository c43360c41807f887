package dev.servicebot.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.servicebot.topics.model.CatalogueEntry;
import dev.servicebot.topics.model.HistoryMessage;
import dev.servicebot.topics.model.RequestCatalogue;
import dev.servicebot.topics.model.RequestType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The request catalogue is the one definition of a request type; the schemas and readers follow it. */
class RequestCatalogueTest {
    private static final List<String> SCHEMAS_WITH_REQUEST_TYPES = List.of(
            "servicebot.chat.messages.v1.json", "servicebot.chat.replies.v1.json");
    private static final Pattern REQUEST_TYPE_ENUM = Pattern.compile(
            "(\"requestType\": \\{[^}]*?\"enum\": \\[)(?=\\s*\\n(\\s*)\")([^\\]]*?)(?=\\n\\s*])");
    private final RequestCatalogue catalogue = RequestCatalogue.standard();

    /** Regenerate with -Dtopics.doc.write=true (the same switch that rewrites docs/topics.md). */
    @Test
    void theSchemaEnumsAreTheCatalogueWireNames() throws Exception {
        List<String> wireNames = catalogue.types().stream().map(RequestType::wireName).toList();
        for (String name : SCHEMAS_WITH_REQUEST_TYPES) {
            Path file = Path.of("schemas", name);
            if (Boolean.getBoolean("topics.doc.write")) {
                // Rewrite only the enum's lines, so the hand-written rest of the schema keeps its layout.
                String text = Files.readString(file);
                Matcher values = REQUEST_TYPE_ENUM.matcher(text);
                assertThat(values.find()).as(name + " has a requestType enum").isTrue();
                String indent = values.group(2);
                String listed = wireNames.stream().map(w -> indent + "\"" + w + "\"").collect(Collectors.joining(",\n"));
                Files.writeString(file, text.substring(0, values.start(3)) + "\n" + listed
                        + text.substring(values.end(3)), StandardCharsets.UTF_8);
            }
            JsonNode schema = Json.MAPPER.readTree(Files.readString(file));
            List<String> inSchema = new ArrayList<>();
            schema.path("properties").path("requestType").path("enum").forEach(v -> inSchema.add(v.asText()));
            assertThat(inSchema).as(name + " is stale: run mvn -q -pl topics test -Dtest=RequestCatalogueTest -Dtopics.doc.write=true")
                    .isEqualTo(wireNames);
        }
    }

    @Test
    void everyEntryIsComplete() {
        assertThat(catalogue.entries()).hasSizeGreaterThanOrEqualTo(7);
        for (CatalogueEntry e : catalogue.entries()) {
            assertThat(e.type()).matches("[a-z][a-z0-9_]*");
            if (e.action() != null) {
                assertThat(e.can()).as(e.type()).isNotBlank();
            } else {
                assertThat(e.can()).as(e.type() + ": no action, so nothing to list among what a tier can do").isNull();
                assertThat(RequestType.of(e.type()).requiredActions()).as(e.type() + " is open to every tier").isEmpty();
            }
            assertThat(e.examples()).as(e.type() + " examples").isNotEmpty();
            assertThat(e.reply(null)).as(e.type() + " default reply").isNotBlank();
            if (e.replyBy() != null) {
                assertThat(e.replyBy().equals("count") || e.parameters().contains(e.replyBy())).as(e.type() + " replyBy").isTrue();
            }
        }
        assertThat(catalogue.actionPhrases()).containsEntry("device_relocation", "move devices between rooms");
    }

    /** Tolerant readers: a record from a newer producer with a type this build does not know still reads. */
    @Test
    void anUnknownWireValueReadsAsAnUnknownType() throws Exception {
        String json = "{\"conversationId\":\"conv_1\",\"timestamp\":\"2026-12-02T10:00:00.000Z\",\"userId\":\"cust_001\","
                + "\"message\":\"book me a repair\",\"requestType\":\"repair_booking\",\"requiredActions\":[\"repairs\"],"
                + "\"allowed\":true,\"messageId\":\"msg_1\"}";
        HistoryMessage read = Json.MAPPER.readValue(json, HistoryMessage.class);
        assertThat(read.requestType().wireName()).isEqualTo("repair_booking");
        assertThat(read.requestType().known()).isFalse();
        assertThat(read.requestType().requiredActions()).isEmpty();
        assertThat(RequestType.of("device_status").known()).isTrue();
        assertThat(Json.MAPPER.writeValueAsString(RequestType.of("play_music"))).isEqualTo("\"play_music\"");
        assertThatThrownBy(() -> catalogue.entry(read.requestType())).hasMessageContaining("repair_booking");
    }

    @Test
    void aDuplicateOrIncompleteEntryIsRefusedWithItsName() {
        CatalogueEntry status = catalogue.entries().get(0);
        assertThatThrownBy(() -> new RequestCatalogue(List.of(status, status)).types())
                .hasMessageContaining("defined twice").hasMessageContaining(status.type());
    }
}
