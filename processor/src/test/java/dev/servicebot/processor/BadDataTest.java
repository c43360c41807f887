package dev.servicebot.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicebot.topics.DeadLetter;
import dev.servicebot.topics.model.Customer;
import dev.servicebot.topics.model.CustomerCommand;
import dev.servicebot.topics.model.Reply;
import dev.servicebot.topics.model.ServiceLevel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad data gets a clear reply or a DLQ record with its reasons, and the partition keeps flowing. */
class BadDataTest extends BotTestBase {

    @Test
    void anUnknownCustomerGetsAClearReply() {
        Reply reply = bot.say("cust_404", "conv-x", "Is my speaker online?");
        assertThat(reply.text()).startsWith("I can't find an account for cust_404.");
        assertThat(reply.allowed()).isNull();
        assertThat(bot.messages.readValuesToList()).hasSize(2);
    }

    @Test
    void aCustomerWithoutDevicesIsToldSo() {
        bot.command(CustomerCommand.upsert("c1", new Customer("cust_010", "New Customer", "premium", List.of()), bot.now()));
        Reply reply = bot.say("cust_010", "conv-y", "Move my speaker to the kitchen");
        assertThat(reply.allowed()).isTrue();
        assertThat(reply.text()).startsWith("There are no devices on your account yet");
    }

    @Test
    void aTierMissingFromTheDataIsSaidAndNothingIsDone() {
        bot.tiers.pipeInput("premium", (ServiceLevel) null); // the tier is deleted from the service levels
        Reply reply = bot.say("cust_002", "conv-z", "Move my speaker to the kitchen");
        assertThat(reply.text()).contains("service plan (premium) isn't set up");
        assertThat(reply.allowed()).isNull();
        assertThat(bot.customer("cust_002").device("dev_002").orElseThrow().location()).isEqualTo("bedroom");
    }

    /**
     * The partition keeps flowing past unreadable records. (What they look like on the DLQ topic is
     * asserted against the real broker in ProcessorIntegrationTest: TopologyTestDriver does not
     * capture the records a deserialization handler sets aside.)
     */
    @Test
    void undeserializableAndInvalidRecordsAreSkippedAndTheNextRecordIsProcessed() {
        bot.rawInbound.pipeInput("cust_001", "{not json".getBytes(StandardCharsets.UTF_8));
        bot.rawInbound.pipeInput("cust_001", ("{\"messageId\":\"m-empty\",\"conversationId\":\"c\",\"customerId\":\"cust_001\","
                + "\"text\":\"   \",\"timestamp\":\"2026-11-26T10:00:00Z\"}").getBytes(StandardCharsets.UTF_8));
        bot.rawInbound.pipeInput("cust_001", new byte[0]);
        assertThat(bot.replies.readValuesToList()).isEmpty();
        assertThat(bot.messages.readValuesToList()).isEmpty();
        Reply after = bot.say("cust_001", "conv-ok", "Is my speaker online?");
        assertThat(after.text()).contains("smart speaker in the living room");
    }

    @Test
    void aMessageKeyedAsAnotherCustomerIsSetAside() {
        bot.inbound.pipeInput("cust_002", CustomerOwnershipTest.message("m1", "cust_001", "Move my speaker to the kitchen"));
        assertThat(bot.replies.readValuesToList()).isEmpty();
        assertThat(bot.deadLetters()).singleElement().satisfies(r ->
                assertThat(DeadLetter.header(r.headers(), DeadLetter.ERROR_MESSAGE)).isEqualTo("message from cust_001 arrived keyed as cust_002"));
    }

    @Test
    void aConversationStaysWithTheCustomerWhoStartedIt() {
        bot.say("cust_001", "conv-shared", "hello");
        bot.inbound.pipeInput("cust_002", new dev.servicebot.topics.model.InboundMessage("m-other", "conv-shared", "cust_002",
                "what did they say?", bot.now(), null, null, null));
        // cust_002 is another partition's customer in production; in one task the store still tells them apart.
        assertThat(bot.replies.readValuesToList()).isEmpty();
        assertThat(bot.deadLetters()).singleElement().satisfies(r ->
                assertThat(DeadLetter.header(r.headers(), DeadLetter.ERROR_MESSAGE)).isEqualTo("conversation conv-shared belongs to another customer"));
    }
}
