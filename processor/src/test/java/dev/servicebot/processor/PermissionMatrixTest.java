package dev.servicebot.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicebot.topics.SampleData;
import dev.servicebot.topics.model.Customer;
import dev.servicebot.topics.model.HistoryMessage;
import dev.servicebot.topics.model.Reply;
import dev.servicebot.topics.model.RequestType;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every request type of the architecture's permission matrix, for each sample customer's tier. */
class PermissionMatrixTest extends BotTestBase {

    /** The matrix: example request, request type, and allowed for basic / premium / enterprise. */
    static Stream<Arguments> matrix() {
        List<Object[]> rows = List.of(
                new Object[]{"Is my smart speaker working?", RequestType.of("device_status"), true, true, true},
                new Object[]{"Turn up the volume on my kitchen speaker", RequestType.of("volume_change"), true, true, true},
                new Object[]{"What is my smart display?", RequestType.of("device_info"), true, true, true},
                new Object[]{"Move my smart speaker to the bedroom", RequestType.of("device_relocation"), false, true, true},
                new Object[]{"Play jazz music on my living room speaker", RequestType.of("play_music"), false, true, true},
                new Object[]{"Play the same music on all my speakers", RequestType.of("multi_room_setup"), false, false, true},
                new Object[]{"Create a routine to turn on my speaker at 7 AM", RequestType.of("custom_routine"), false, false, true});
        return rows.stream().flatMap(row -> Stream.of(
                Arguments.of(row[0], row[1], "cust_001", row[2]),
                Arguments.of(row[0], row[1], "cust_002", row[3]),
                Arguments.of(row[0], row[1], "cust_003", row[4])));
    }

    @ParameterizedTest(name = "{2}: \"{0}\" allowed={3}")
    @MethodSource("matrix")
    void theTiersDataDecides(String text, RequestType type, String customerId, boolean allowed) {
        Reply reply = bot.say(customerId, "conv-matrix", text);
        assertThat(reply.requestType()).isEqualTo(type);
        assertThat(reply.requiredActions()).isEqualTo(type.requiredActions());
        assertThat(reply.allowed()).isEqualTo(allowed);

        Customer customer = SampleData.CUSTOMERS.stream().filter(c -> c.id().equals(customerId)).findFirst().orElseThrow();
        // Customers know devices by kind and room, never by internal id.
        assertThat(reply.text()).doesNotContain("dev_");
        if (allowed) {
            // The reply names a device of this customer (the one acted on, or the ones they have).
            assertThat(customer.devices()).anySatisfy(d -> assertThat(reply.text()).contains(d.location().replace('_', ' ')));
        } else {
            // A denial says once what is locked, which plan unlocks it and one thing to do now; no device sentence.
            String tier = customer.serviceLevel();
            String unlocking = type.equals(RequestType.of("multi_room_setup")) || type.equals(RequestType.of("custom_routine")) ? "Enterprise" : "Premium";
            assertThat(reply.text()).contains("The " + unlocking + " plan does")
                    .contains("your " + Character.toUpperCase(tier.charAt(0)) + tier.substring(1) + " plan doesn't include")
                    .contains("What I can do now is check a device's status");
            assertThat(customer.devices()).noneSatisfy(d -> assertThat(reply.text()).contains(d.location().replace('_', ' ')));
            assertThat(bot.deviceCommands.readValuesToList()).isEmpty();
        }

        List<HistoryMessage> history = bot.messages.readValuesToList();
        assertThat(history).hasSize(2);
        assertThat(history.get(0).userId()).isEqualTo(customerId);
        assertThat(history.get(0).requestType()).isEqualTo(type);
        assertThat(history.get(0).allowed()).isEqualTo(allowed);
        assertThat(history.get(1).fromBot()).isTrue();
        assertThat(history.get(1).text()).isEqualTo(reply.text());
        assertThat(history.get(1).inReplyTo()).isEqualTo(history.get(0).messageId());
    }
}
