package dev.servicebot.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicebot.topics.model.Customer;
import dev.servicebot.topics.model.CustomerCommand;
import dev.servicebot.topics.model.Device;
import dev.servicebot.topics.model.DeviceCommand;
import dev.servicebot.topics.model.Reply;
import dev.servicebot.topics.model.RequestType;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Below the confidence the dev split chose, the bot neither acts nor denies: it asks which of the
 * two likeliest readings was meant, in the customer's words, and the answer carries the request on.
 * Uses the shipped model: if a retrained model becomes sure of {@link #UNCLEAR}, pick another
 * message the model is unsure of (the first assertion says so).
 */
class ClarificationTest extends BotTestBase {
    /** Four words that could be a move of the kitchen speaker or jazz on it. */
    static final String UNCLEAR = "kitchen speaker jazz move";
    @BeforeEach
    void aPremiumCustomerWithASpeakerInTheKitchen() {
        bot.command(CustomerCommand.upsert("seed-cust_k", new Customer("cust_k", "Kim Lee", "premium", List.of(
                new Device("dev_k1", "SmartSpeaker", "kitchen"), new Device("dev_k2", "SmartHub", "hallway"))), bot.now()));
    }

    private Reply ask(String conversation) {
        Reply question = bot.say("cust_k", conversation, UNCLEAR);
        assertThat(question.text()).as("the shipped model should be unsure of '" + UNCLEAR + "'; reason: " + question.reason())
                .startsWith("I want to get this right: do you want me to ");
        assertThat(question.text()).contains("record that your speaker moved to another room").contains("play music on your speaker");
        assertThat(question.requestType()).as("a question decides nothing").isNull();
        assertThat(question.allowed()).isNull();
        assertThat(question.reason()).startsWith("model: ").contains("device_relocation").contains("play_music");
        assertThat(bot.deviceCommands.readValuesToList()).isEmpty();
        return question;
    }

    @Test
    void theAnswerNamingOneReadingCarriesTheFirstMessageOn() {
        ask("conv-clarify-1");
        Reply played = bot.say("cust_k", "conv-clarify-1", "the music one");
        assertThat(played.requestType()).isEqualTo(RequestType.of("play_music"));
        assertThat(played.allowed()).isTrue();
        assertThat(played.text()).isEqualTo("Playing some music on your smart speaker in the kitchen.");
        assertThat(bot.deviceCommands.readValuesToList()).extracting(DeviceCommand::deviceId).containsExactly("dev_k1");
    }

    @Test
    void aReadingByPositionThenItsOwnQuestion() {
        Reply question = ask("conv-clarify-2");
        // Which place the move has in the question is the model's to decide (likeliest first); answer by that place.
        boolean moveFirst = question.text().indexOf("record that") < question.text().indexOf("play music");
        Reply where = bot.say("cust_k", "conv-clarify-2", moveFirst ? "the first one" : "the second one");
        assertThat(where.requestType()).isEqualTo(RequestType.of("device_relocation"));
        assertThat(where.text()).startsWith("Where should I move your smart speaker in the kitchen?");
        Reply moved = bot.say("cust_k", "conv-clarify-2", "to the office");
        assertThat(moved.text()).isEqualTo("Done: your smart speaker has moved from the kitchen to the office.");
        assertThat(bot.customer("cust_k").device("dev_k1").orElseThrow().location()).isEqualTo("office");
    }

    @Test
    void neitherEndsItWithoutActing() {
        ask("conv-clarify-3");
        Reply declined = bot.say("cust_k", "conv-clarify-3", "neither");
        assertThat(declined.requestType()).isNull();
        assertThat(bot.deviceCommands.readValuesToList()).isEmpty();
        assertThat(bot.customer("cust_k").device("dev_k1").orElseThrow().location()).isEqualTo("kitchen");
        Reply fresh = bot.say("cust_k", "conv-clarify-3", "is my kitchen speaker online?");
        assertThat(fresh.requestType()).as("the question is over; a new message is read on its own").isEqualTo(RequestType.of("device_status"));
    }
}
