package dev.servicebot.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.servicebot.topics.model.Connection;
import dev.servicebot.topics.model.Customer;
import dev.servicebot.topics.model.CustomerCommand;
import dev.servicebot.topics.model.Device;
import dev.servicebot.topics.model.HistoryMessage;
import dev.servicebot.topics.model.InboundMessage;
import dev.servicebot.topics.model.RequestType;
import dev.servicebot.topics.model.ServiceLevel;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed's "Data Validation" rules, and what a consumer sees when a record breaks them. */
class RecordValidationTest {

    @Test
    void everyExampleRecordOfTheDataModelParses() {
        Customer customer = Json.parse(Examples.resource("data-model-examples/customer.json"), Customer.class);
        assertThat(customer).isEqualTo(Examples.JANE);
        assertThat(Json.parse(Examples.resource("data-model-examples/device.json"), Device.class))
                .isEqualTo(new Device("dev_001", "SmartSpeaker", "living_room"));
        ServiceLevel premium = Json.parse(Examples.resource("data-model-examples/service-level.json"), ServiceLevel.class);
        assertThat(premium.maxDevices()).isEqualTo(3);
        assertThat(premium.allows("device_relocation")).isTrue();
        assertThat(premium.allows("multi_room_audio")).isFalse();
        HistoryMessage message = Json.parse(Examples.resource("data-model-examples/message.json"), HistoryMessage.class);
        assertThat(message.requestType()).isEqualTo(RequestType.of("device_relocation"));
        assertThat(message.allowed()).isFalse();
        Connection connection = Json.parse(Examples.resource("data-model-examples/connection.json"), Connection.class);
        assertThat(connection.ttl()).isEqualTo(1677765000L);
        assertThat(connection.expiredAt(Instant.parse("2023-03-02T14:00:00Z"))).isTrue();
        assertThat(connection.expiredAt(Instant.parse("2023-03-01T15:00:00Z"))).isFalse();
    }

    @Test
    void everyRecordSurvivesARoundTripThroughItsSerde() {
        Examples.BY_TOPIC.forEach((topic, records) -> records.forEach(record -> {
            @SuppressWarnings("unchecked")
            var serde = (org.apache.kafka.common.serialization.Serde<Object>) topic.valueSerde();
            byte[] bytes = serde.serializer().serialize(topic.name(), record);
            assertThat(serde.deserializer().deserialize(topic.name(), bytes)).isEqualTo(record);
        }));
    }

    /** History tells writers apart by userId (a customer id, "bot", "agent:<id>"): no customer may look like the others. */
    @Test
    void customerIdsCannotCollideWithTheBotOrAnAgent() {
        for (String id : java.util.List.of("bot", "agent:agent_001")) {
            Customer impostor = new Customer(id, "Mallory", "basic", java.util.List.of());
            assertThat(impostor.violations()).as(id).anyMatch(v -> v.contains("is reserved"));
        }
        assertThat(new Customer("agent_smith", "Agent Smith", "basic", java.util.List.of()).violations()).isEmpty();
    }

    @Test
    void tombstonesStayNull() {
        assertThat(Topics.CUSTOMERS.valueSerde().serializer().serialize("t", null)).isNull();
        assertThat(Topics.CUSTOMERS.valueSerde().deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void malformedJsonSaysWhereItBroke() {
        assertThatThrownBy(() -> Json.parse("{\"id\": \"cust_001\", ", Customer.class))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("invalid Customer: malformed JSON")
                .hasMessageContaining("line 1");
        assertThatThrownBy(() -> Json.parse("not json", Customer.class))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("malformed JSON");
        assertThatThrownBy(() -> Json.parse("{} {}", Customer.class))
                .isInstanceOf(InvalidRecordException.class);
        assertThatThrownBy(() -> Json.parse("null", Customer.class))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("JSON null");
        assertThatThrownBy(() -> Json.parse(new byte[0], Customer.class))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("empty value");
        assertThatThrownBy(() -> Json.parse("{\"id\":\"a\",\"id\":\"b\"}", Customer.class))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("Duplicate field");
    }

    @Test
    void wrongTypesNameTheField() {
        assertThatThrownBy(() -> Json.parse("{\"id\":\"c\",\"name\":\"n\",\"service_level\":\"basic\",\"devices\":[{\"id\":{}}]}", Customer.class))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("devices[0].id");
        assertThatThrownBy(() -> Json.parse("{\"level\":\"basic\",\"allowed_actions\":[],\"max_devices\":\"many\",\"support_priority\":\"standard\"}", ServiceLevel.class))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("max_devices");
        assertThatThrownBy(() -> Json.parse("{\"conversationId\":\"c\",\"timestamp\":\"2023-03-01T14:30:45Z\",\"userId\":\"u\",\"text\":\"t\",\"requestType\":{}}", HistoryMessage.class))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("requestType");
    }

    @Test
    void missingAndEmptyFieldsAreAllNamedAtOnce() {
        assertThatThrownBy(() -> Json.parse("{\"devices\":[null, {\"id\":\"dev 1\"}]}", Customer.class))
                .isInstanceOf(InvalidRecordException.class)
                .satisfies(e -> assertThat(((InvalidRecordException) e).problems()).containsExactly(
                        "id is required",
                        "name must not be empty",
                        "service_level is required",
                        "devices[0] is required",
                        "devices[1].id 'dev 1' is not a valid id (letters, digits, _ . : -, at most 128)",
                        "devices[1].type must not be empty",
                        "devices[1].location must not be empty"));
    }

    @Test
    void messageTextCannotBeEmptyAndTimestampsMustBeIso() {
        InboundMessage blank = new InboundMessage("m", "c", "cust_001", "   ", "2023-03-01 14:30", null, null, null);
        assertThat(blank.violations()).containsExactly(
                "text must not be empty",
                "timestamp '2023-03-01 14:30' is not an ISO-8601 UTC timestamp like 2023-03-01T14:30:45.123Z");
        assertThatThrownBy(() -> Json.write(blank)).isInstanceOf(InvalidRecordException.class)
                .hasMessageStartingWith("invalid InboundMessage: text must not be empty");
    }

    @Test
    void botMessagesMustSayWhatTheyAnswer() {
        HistoryMessage orphan = new HistoryMessage("c", "2023-03-01T14:30:45Z", "bot", "hi", null, null, null, "m-r", null);
        assertThat(orphan.violations()).containsExactly("inReplyTo is required");
    }

    @Test
    void serviceLevelNamesAreDataNotAFixedList() {
        Customer gold = new Customer("cust_010", "Gold", "gold", List.of());
        assertThat(gold.violations()).isEmpty();
        assertThat(new Customer("cust_010", "Gold", "Gold Tier", List.of()).violations())
                .containsExactly("service_level 'Gold Tier' is not a valid name (lower-case letters, digits, _ or -)");
    }

    @Test
    void deviceCountMustFitTheTier() {
        ServiceLevel basic = new ServiceLevel("basic", List.of("status_check"), 1, "standard");
        Customer two = new Customer("cust_001", "Jane", "basic",
                List.of(new Device("dev_001", "SmartSpeaker", "x"), new Device("dev_002", "SmartHub", "y")));
        assertThat(basic.violationsFor(two)).containsExactly("customer cust_001 has 2 devices but the basic tier allows at most 1");
        assertThat(basic.violationsFor(Examples.JANE)).isEmpty();
    }

    @Test
    void deviceIdsAreUniqueWithinACustomer() {
        Customer twice = new Customer("cust_001", "Jane", "basic",
                List.of(new Device("dev_001", "SmartSpeaker", "x"), new Device("dev_001", "SmartHub", "y")));
        assertThat(twice.violations()).containsExactly("devices[1].id 'dev_001' appears twice");
    }

    @Test
    void connectionTtlMustLieAfterTheConnectionTime() {
        Connection backwards = new Connection("c1", "cust_001", "2023-03-01T14:30:00Z", 1600000000L, null, null);
        assertThat(backwards.violations()).containsExactly("ttl 1600000000 is not after connectionTime 2023-03-01T14:30:00Z");
        assertThat(new Connection("c1", "cust_001", "2023-03-01T14:30:00Z", null, null, null).violations())
                .containsExactly("ttl is required");
    }

    @Test
    void customerCommandsCarryWhatTheirKindNeeds() {
        assertThat(new CustomerCommand("c", "cust_001", CustomerCommand.Kind.ADD_DEVICE, null, null, null, null, "2023-03-01T14:30:00Z").violations())
                .containsExactly("device is required");
        assertThat(new CustomerCommand("c", "cust_001", CustomerCommand.Kind.UPSERT,
                new Customer("cust_002", "John", "basic", List.of()), null, null, null, "2023-03-01T14:30:00Z").violations())
                .containsExactly("customer.id 'cust_002' differs from customerId 'cust_001'");
        assertThatThrownBy(() -> Json.parse("{\"commandId\":\"c\",\"customerId\":\"x\",\"kind\":\"explode\",\"issuedAt\":\"2023-03-01T14:30:00Z\"}", CustomerCommand.class))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("kind");
    }

    @Test
    void unknownFieldsAreIgnoredSoSchemasCanGrow() {
        Customer customer = Json.parse("{\"id\":\"cust_001\",\"name\":\"Jane Smith\",\"service_level\":\"basic\",\"devices\":[],\"loyalty\":7}", Customer.class);
        assertThat(customer.id()).isEqualTo("cust_001");
    }

    @Test
    void optionalFieldsAreLeftOutRatherThanWrittenAsNull() {
        String json = Json.writeString(new HistoryMessage("c", "2023-03-01T14:30:45Z", "cust_001", "hi", null, null, null, "m", null));
        assertThat(json).doesNotContain("null").doesNotContain("requestType");
    }
}
