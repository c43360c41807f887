package dev.servicebot.topics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The JSON Schemas data teams read describe exactly what the services write. */
class SchemaConformanceTest {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    static JsonSchema schemaOf(Topic<?, ?> topic) {
        return FACTORY.getSchema(Examples.class.getResourceAsStream("/schemas/" + topic.schema()));
    }

    @Test
    void everyTopicWithJsonValuesHasASchemaInTheJar() {
        for (Topic<?, ?> topic : Topics.ALL) {
            if (topic == Topics.DLQ) {
                assertThat(topic.schema()).as("the DLQ carries the original bytes").isNull();
                continue;
            }
            assertThat(Examples.class.getResource("/schemas/" + topic.schema())).as(topic.name()).isNotNull();
        }
    }

    @Test
    void everyRecordTypeSerializesToJsonThatItsSchemaAccepts() throws Exception {
        assertThat(Examples.BY_TOPIC.keySet()).containsExactlyInAnyOrderElementsOf(
                Topics.ALL.stream().filter(t -> t != Topics.DLQ).toList());
        for (var entry : Examples.BY_TOPIC.entrySet()) {
            JsonSchema schema = schemaOf(entry.getKey());
            for (Object record : entry.getValue()) {
                assertThat(record.getClass()).isEqualTo(entry.getKey().valueType());
                JsonNode json = Json.MAPPER.readTree(Json.write(record));
                Set<ValidationMessage> errors = schema.validate(json);
                assertThat(errors).as(entry.getKey().name() + " " + json).isEmpty();
            }
        }
    }

    @Test
    void schemasRejectWhatTheRecordsReject() throws Exception {
        JsonSchema customers = schemaOf(Topics.CUSTOMERS);
        assertThat(customers.validate(Json.MAPPER.readTree("{\"id\":\"cust_001\",\"name\":\"Jane\"}")))
                .extracting(ValidationMessage::getMessage).anyMatch(m -> m.contains("service_level"));
        JsonSchema messages = schemaOf(Topics.MESSAGES);
        assertThat(messages.validate(Json.MAPPER.readTree(
                "{\"conversationId\":\"c\",\"timestamp\":\"yesterday\",\"userId\":\"bot\",\"text\":\"\"}"))).hasSizeGreaterThanOrEqualTo(3);
        JsonSchema commands = schemaOf(Topics.CUSTOMER_COMMANDS);
        assertThat(commands.validate(Json.MAPPER.readTree(
                "{\"commandId\":\"c\",\"customerId\":\"cust_001\",\"kind\":\"add_device\",\"issuedAt\":\"2023-03-01T14:30:45Z\"}")))
                .extracting(ValidationMessage::getMessage).anyMatch(m -> m.contains("device"));
    }

    @Test
    void theDataModelExamplesMatchTheSchemas() throws Exception {
        for (var pair : List.of(
                List.<Object>of("customer.json", Topics.CUSTOMERS),
                List.<Object>of("service-level.json", Topics.SERVICE_LEVELS),
                List.<Object>of("message.json", Topics.MESSAGES),
                List.<Object>of("connection.json", Topics.CONNECTIONS))) {
            JsonNode example = Json.MAPPER.readTree(Examples.resource("data-model-examples/" + pair.get(0)));
            assertThat(schemaOf((Topic<?, ?>) pair.get(1)).validate(example)).as((String) pair.get(0)).isEmpty();
        }
    }
}
