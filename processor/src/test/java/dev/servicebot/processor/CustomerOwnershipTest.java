package dev.servicebot.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicebot.topics.DeadLetter;
import dev.servicebot.topics.Json;
import dev.servicebot.topics.Topics;
import dev.servicebot.topics.model.Customer;
import dev.servicebot.topics.model.CustomerCommand;
import dev.servicebot.topics.model.Device;
import dev.servicebot.topics.model.InboundMessage;
import dev.servicebot.topics.model.Reply;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** The task that owns a customer applies every change to it in order; the tier's limits hold. */
class CustomerOwnershipTest extends BotTestBase {

    @Test
    void twoRelocationsBackToBackBothStick() {
        bot.inbound.pipeInput("cust_002", message("m1", "cust_002", "move my speaker to the office"));
        bot.inbound.pipeInput("cust_002", message("m2", "cust_002", "move my display to the garage"));
        Customer after = bot.customer("cust_002");
        assertThat(after.device("dev_002").orElseThrow().location()).isEqualTo("office");
        assertThat(after.device("dev_003").orElseThrow().location()).isEqualTo("garage");
        List<Customer> published = bot.customers.readValuesToList();
        assertThat(published).hasSize(2);
        assertThat(published.get(1)).isEqualTo(after); // the compacted topic ends with both changes
    }

    @Test
    void aDeviceAddRacingARelocationLosesNeither() {
        bot.command(CustomerCommand.addDevice("c1", "cust_002", new Device("dev_010", "SmartHub", "hallway"), bot.now()));
        bot.inbound.pipeInput("cust_002", message("m1", "cust_002", "move my speaker to the office"));
        Customer after = bot.customer("cust_002");
        assertThat(after.devices()).extracting(d -> d.id() + "@" + d.location())
                .containsExactly("dev_002@office", "dev_003@kitchen", "dev_010@hallway");
        assertThat(bot.customers.readValuesToList()).last().isEqualTo(after);
    }

    @Test
    void aDeviceOverTheTiersLimitIsRejectedWithItsReason() {
        CustomerCommand add = CustomerCommand.addDevice("c-over", "cust_001", new Device("dev_011", "SmartDisplay", "kitchen"), bot.now());
        bot.command(add);
        assertThat(bot.customer("cust_001").devices()).hasSize(1);
        assertThat(bot.customers.readValuesToList()).isEmpty();
        List<TestRecord<byte[], byte[]>> dead = bot.deadLetters();
        assertThat(dead).singleElement().satisfies(r -> {
            assertThat(DeadLetter.header(r.headers(), DeadLetter.ERROR_MESSAGE))
                    .isEqualTo("customer cust_001 has 2 devices but the basic tier allows at most 1");
            assertThat(DeadLetter.header(r.headers(), DeadLetter.SOURCE_TOPIC)).isEqualTo(Topics.CUSTOMER_COMMANDS.name());
            assertThat(DeadLetter.header(r.headers(), DeadLetter.SOURCE_OFFSET)).isNotNull();
            assertThat(Json.parse(r.value(), CustomerCommand.class)).isEqualTo(add);
        });
    }

    @Test
    void tierChangesAreCheckedAgainstTheData() {
        bot.command(CustomerCommand.changeTier("c1", "cust_003", "premium", bot.now())); // 3 devices fit premium's 3
        assertThat(bot.customer("cust_003").serviceLevel()).isEqualTo("premium");
        bot.command(CustomerCommand.changeTier("c2", "cust_003", "basic", bot.now())); // 3 devices do not fit basic's 1
        bot.command(CustomerCommand.changeTier("c3", "cust_003", "platinum", bot.now())); // no such tier
        assertThat(bot.customer("cust_003").serviceLevel()).isEqualTo("premium");
        assertThat(bot.deadLetters()).extracting(r -> DeadLetter.header(r.headers(), DeadLetter.ERROR_MESSAGE)).containsExactly(
                "customer cust_003 has 3 devices but the basic tier allows at most 1",
                "service level 'platinum' does not exist");
    }

    @Test
    void aNewTierAllowsWhatItsDataSaysAtOnce() {
        bot.command(CustomerCommand.changeTier("c1", "cust_002", "enterprise", bot.now()));
        Reply reply = bot.say("cust_002", "conv-up", "Play the same music on all my speakers");
        assertThat(reply.allowed()).isTrue();
    }

    @Test
    void removeAndDeleteChangeTheCustomerOrSayWhyNot() {
        bot.command(CustomerCommand.removeDevice("c1", "cust_002", "dev_003", bot.now()));
        assertThat(bot.customer("cust_002").devices()).extracting(Device::id).containsExactly("dev_002");
        bot.command(CustomerCommand.removeDevice("c2", "cust_002", "dev_999", bot.now()));
        assertThat(bot.deadLetters()).extracting(r -> DeadLetter.header(r.headers(), DeadLetter.ERROR_MESSAGE))
                .containsExactly("customer cust_002 has no device dev_999");
        bot.command(CustomerCommand.delete("c3", "cust_002", bot.now()));
        assertThat(bot.customer("cust_002")).isNull();
        List<TestRecord<String, Customer>> published = bot.customers.readRecordsToList();
        assertThat(published).last().satisfies(r -> {
            assertThat(r.key()).isEqualTo("cust_002");
            assertThat(r.value()).as("tombstone").isNull();
        });
    }

    static InboundMessage message(String id, String customerId, String text) {
        return new InboundMessage(id, "conv-" + id, customerId, text, "2026-11-26T10:00:00.000Z", null, null, null);
    }
}
