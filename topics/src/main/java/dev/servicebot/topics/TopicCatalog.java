package dev.servicebot.topics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.servicebot.topics.delivery.DeliveryContract;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code docs/topics.md}, written from the topic descriptors and their JSON Schemas, and from the
 * {@link DeliveryContract} for the one service-to-service API, so the documentation cannot drift
 * from what the services do (a test compares the two).
 */
public final class TopicCatalog {
    public static final Path DOC = Path.of("docs", "topics.md");

    private TopicCatalog() {
    }

    /** Writes the catalog to the path given (default {@code docs/topics.md} under the working directory). */
    public static void main(String[] args) throws IOException {
        Path target = args.length > 0 ? Path.of(args[0]) : DOC;
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.writeString(target, markdown(), StandardCharsets.UTF_8);
        System.out.println("wrote " + target);
    }

    public static String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Event topics\n\n")
                .append("<!-- Generated from topics/src/main/java/dev/servicebot/topics/Topics.java, topics/schemas/ and\n")
                .append("     topics/src/main/java/dev/servicebot/topics/delivery/DeliveryContract.java by TopicCatalog.\n")
                .append("     Do not edit: run `mvn -q -pl topics test -Dtest=TopicCatalogTest -Dtopics.doc.write=true` to regenerate. -->\n\n")
                .append("Every topic of the Agentic Service Bot: what it carries, how it is keyed and kept, who writes and who reads it.\n")
                .append("Keys are UTF-8 strings; values are UTF-8 JSON matching the linked JSON Schema (the DLQ holds raw bytes).\n")
                .append("Topic names carry a major version: a breaking change is a new topic. Within a version a schema may only\n")
                .append("gain optional fields and enum values (`SchemaEvolutionTest` compares each schema with `topics/schemas/released/`), so\n")
                .append("consumers should ignore fields they do not know and read an enum value they do not know as unrecognized\n")
                .append("(a newer producer may know more request types than you: `RequestType.known()` is false for such a value).\n")
                .append("The request-type enums are the wire names in `topics/src/main/resources/request-types.json`, the request\n")
                .append("catalogue (`RequestCatalogueTest` keeps them equal).\n")
                .append("The last section, [the internal delivery API](#internal-delivery-api), is the one contract that is not a topic:\n")
                .append("how the notifier pushes replies through the gateways.\n\n")
                .append("## Headers on every event\n\n")
                .append("Every record on every topic below carries the CloudEvents Kafka binding headers (binary content mode, spec 1.0),\n")
                .append("so a consumer can dedupe and route without parsing the body:\n\n")
                .append("| header | value |\n|---|---|\n")
                .append("| `ce_specversion` | `1.0` |\n")
                .append("| `ce_id` | the event's id: the message id on the chat topics, the command id on customer commands, stable across replays |\n")
                .append("| `ce_source` | `/servicebot/<component>/<topic>`, e.g. `/servicebot/processor/servicebot.chat.messages.v1` |\n")
                .append("| `ce_type` | `dev.<topic>`, e.g. `dev.servicebot.chat.messages.v1` |\n")
                .append("| `ce_time` | when the event happened (RFC 3339, UTC) |\n")
                .append("| `content-type` | `application/json` (`application/octet-stream` on the DLQ) |\n\n")
                .append("Dedupe on `ce_source` + `ce_id`. Records marked `servicebot.replay` are re-runs of earlier events with the same\n")
                .append("ids: analytics should skip them (the analytics stream does).\n\n")
                .append("| topic | key | partitions | kept | written by | read by |\n|---|---|---|---|---|---|\n");
        for (Topic<?, ?> topic : Topics.ALL) {
            md.append("| [`").append(topic.name()).append("`](#").append(topic.name().replace(".", "")).append(") | ")
                    .append(cell(topic.keyDescription())).append(" | ").append(topic.partitions()).append(" | ").append(kept(topic))
                    .append(" | ").append(topic.writtenBy()).append(" | ").append(topic.readBy()).append(" |\n");
        }
        for (Topic<?, ?> topic : Topics.ALL) {
            md.append("\n## ").append(topic.name()).append("\n\n").append(topic.purpose()).append("\n\n")
                    .append("- key: ").append(topic.keyDescription()).append("\n")
                    .append("- value: ").append(topic.schema() == null ? "the original record's bytes, untouched"
                            : "[" + topic.schema() + "](../topics/schemas/" + topic.schema() + ")").append("\n")
                    .append("- `ce_type`: `").append(topic.eventType()).append("`\n")
                    .append("- partitions: ").append(topic.partitions()).append("; ").append(kept(topic)).append("\n")
                    .append("- written by: ").append(topic.writtenBy()).append("; read by: ").append(topic.readBy()).append("\n");
            if (topic.schema() != null) {
                md.append("\n").append(fields(topic.schema()));
            }
            if (!topic.headers().isEmpty()) {
                md.append("\nOther headers:\n\n| header | meaning |\n|---|---|\n");
                topic.headers().forEach((name, meaning) -> md.append("| `").append(name).append("` | ").append(meaning).append(" |\n"));
            }
            md.append("\nConsume it:\n\n```sh\n").append(kcat(topic)).append("```\n");
        }
        return md.append(delivery()).toString();
    }

    private static String delivery() {
        StringBuilder md = new StringBuilder("\n## Internal delivery API\n\n")
                .append("The notifier pushes replies through the gateway that holds the connection, on the gateway's internal port\n")
                .append("(default 7071, never published), modelled on API Gateway's `@connections`. Every call carries the shared secret\n")
                .append("in the header `").append(DeliveryContract.SECRET_HEADER).append("` (else ").append(DeliveryContract.Status.UNAUTHORIZED.code())
                .append(").\nA connection's `deliveryUrl` on `").append(Topics.CONNECTIONS.name()).append("` is its route `")
                .append(DeliveryContract.CONNECTION).append("` on its gateway.\n")
                .append("Bodies are JSON; readers ignore fields they do not know.\n\n")
                .append("| route | what it does | answers |\n|---|---|---|\n");
        for (DeliveryContract.Route route : DeliveryContract.ROUTES) {
            md.append("| `").append(route.method()).append(' ').append(route.path()).append("` | ").append(cell(route.does())).append(" | ")
                    .append(route.answers().stream().map(s -> Integer.toString(s.code())).collect(Collectors.joining(", "))).append(" |\n");
        }
        md.append("\n| status | meaning |\n|---|---|\n");
        for (DeliveryContract.Status status : DeliveryContract.Status.values()) {
            md.append("| ").append(status.code()).append(" | ").append(cell(status.meaning())).append(" |\n");
        }
        md.append("\n| body | fields |\n|---|---|\n");
        Stream.of(DeliveryContract.Delivery.class, DeliveryContract.Result.class, DeliveryContract.OpenConnection.class)
                .forEach(body -> md.append("| `").append(body.getSimpleName()).append("` | ").append(fields(body)).append(" |\n"));
        md.append("\nA `Result`'s `outcome`, and the status the connection route answers for a single reply:\n\n")
                .append("| outcome | status | meaning |\n|---|---|---|\n");
        for (DeliveryContract.Outcome outcome : DeliveryContract.Outcome.values()) {
            if (outcome.status() != null) { // not the reader's fallback, which no gateway answers
                md.append("| `").append(outcome).append("` | ").append(outcome.status().code()).append(" | ").append(cell(outcome.meaning())).append(" |\n");
            }
        }
        return md.append("\nAn outcome the reader does not know (a newer gateway's) counts as not delivered.\n").toString();
    }

    /** A record's JSON fields in order, e.g. {@code `connectionId` (string), `reply` (Reply)}. */
    private static String fields(Class<? extends Record> body) {
        return Stream.of(body.getRecordComponents()).map(c -> "`" + c.getName() + "` (" + type(c) + ")").collect(Collectors.joining(", "));
    }

    /** A field's type; a topic's value type links to that topic's section, which lists its fields. */
    private static String type(RecordComponent component) {
        Class<?> type = component.getType();
        return type == String.class ? "string" : Topics.ALL.stream().filter(t -> t.valueType() == type).findFirst()
                .map(t -> "[" + type.getSimpleName() + "](#" + t.name().replace(".", "") + ")").orElse(type.getSimpleName());
    }

    private static String kept(Topic<?, ?> topic) {
        if (topic.cleanup() == Topic.Cleanup.COMPACT) {
            return "compacted (latest value per key)";
        }
        Duration retention = topic.retention();
        return retention == null ? "kept forever" : "kept " + retention.toDays() + " days";
    }

    private static String kcat(Topic<?, ?> topic) {
        String base = "kcat -b 127.0.0.1:9092 -C -t " + topic.name() + " -o beginning -e";
        if (topic == Topics.DLQ) {
            return base + " -f 'offset %o key %k\\nheaders %h\\nvalue %s\\n\\n'\n";
        }
        return base + " -f '%k %s\\n'\n"
                + "# with the CloudEvents headers:\n"
                + base + " -f '%h\\n%k %s\\n\\n'\n";
    }

    private static String fields(String schemaFile) {
        JsonNode schema = schema(schemaFile);
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        StringBuilder md = new StringBuilder("| field | type | required | description |\n|---|---|---|---|\n");
        Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> property = properties.next();
            JsonNode value = property.getValue();
            String type = value.has("enum") ? "one of " + joined(value.get("enum")) : value.path("type").asText("object");
            md.append("| `").append(property.getKey()).append("` | ").append(type).append(" | ")
                    .append(required.contains(property.getKey()) ? "yes" : "no").append(" | ")
                    .append(cell(value.path("description").asText(""))).append(" |\n");
        }
        return md.toString();
    }

    /** Text for a table cell: a pipe would end the cell. */
    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    private static String joined(JsonNode values) {
        StringBuilder out = new StringBuilder();
        values.forEach(v -> out.append(out.length() == 0 ? "" : ", ").append('`').append(v.asText()).append('`'));
        return out.toString();
    }

    private static JsonNode schema(String file) {
        try (InputStream in = TopicCatalog.class.getResourceAsStream("/schemas/" + file)) {
            if (in == null) {
                throw new IllegalStateException("no schema " + file + " in the jar");
            }
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
