package dev.servicebot.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicebot.processor.understanding.RoomName;
import dev.servicebot.topics.model.Customer;
import dev.servicebot.topics.model.CustomerCommand;
import dev.servicebot.topics.model.Device;
import dev.servicebot.topics.model.Reply;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A relocation stores only a room name ({@link RoomName}): a known room at once, a room new on the
 * account after the customer says yes, and nothing at all for text that cannot be a room's name.
 * cust_002 (premium: relocation allowed) has a speaker in the bedroom and a display in the kitchen.
 */
class RoomNamesTest extends BotTestBase {

    private String speakerRoom() {
        return bot.customer("cust_002").device("dev_002").orElseThrow().location();
    }

    @Test
    void aKnownRoomMovesAtOnce() {
        Reply moved = bot.say("cust_002", "conv-known", "move my speaker to the garage");
        assertThat(moved.text()).isEqualTo("Done: your smart speaker has moved from the bedroom to the garage.");
        assertThat(speakerRoom()).isEqualTo("garage");
    }

    @Test
    void aRoomAnotherOfTheirDevicesIsInMovesAtOnce() {
        bot.command(CustomerCommand.upsert("seed-cust_f", new Customer("cust_f", "Fran Okafor", "premium", List.of(
                new Device("dev_f1", "SmartSpeaker", "kitchen"), new Device("dev_f2", "SmartHub", "granny_flat"))), bot.now()));
        Reply moved = bot.say("cust_f", "conv-theirs", "move my speaker to the granny flat");
        assertThat(moved.text()).isEqualTo("Done: your smart speaker has moved from the kitchen to the granny flat.");
        assertThat(bot.customer("cust_f").device("dev_f1").orElseThrow().location()).isEqualTo("granny_flat");
    }

    @Test
    void aRoomNewOnTheAccountIsAskedAboutAndMovedOnYes() {
        Reply question = bot.say("cust_002", "conv-new-yes", "move my speaker to the granny flat");
        assertThat(question.text()).isEqualTo("Move your smart speaker in the bedroom to the 'granny flat'? That room is new on your account."
                + " Say yes to confirm, or no to leave it where it is.");
        assertThat(bot.customers.readValuesToList()).as("nothing stored before the yes").isEmpty();
        assertThat(speakerRoom()).isEqualTo("bedroom");

        Reply moved = bot.say("cust_002", "conv-new-yes", "yes");
        assertThat(moved.text()).isEqualTo("Done: your smart speaker has moved from the bedroom to the granny flat.");
        assertThat(moved.allowed()).isTrue();
        assertThat(speakerRoom()).isEqualTo("granny_flat");
        assertThat(bot.customers.readValuesToList()).singleElement()
                .satisfies(c -> assertThat(c.device("dev_002").orElseThrow().location()).isEqualTo("granny_flat"));
    }

    @Test
    void noLeavesTheDeviceWhereItIs() {
        bot.say("cust_002", "conv-new-no", "move my speaker to the granny flat");
        Reply kept = bot.say("cust_002", "conv-new-no", "no");
        assertThat(kept.text()).isEqualTo("Okay, I've left your smart speaker in the bedroom where it is.");
        Reply late = bot.say("cust_002", "conv-new-no", "yes");
        assertThat(late.text()).as("the question is over").doesNotStartWith("Done");
        assertThat(speakerRoom()).isEqualTo("bedroom");
        assertThat(bot.customers.readValuesToList()).isEmpty();
    }

    @Test
    void askingForAPersonIsNoYesToTheMove() {
        bot.say("cust_002", "conv-new-human", "move my speaker to the granny flat");
        bot.say("cust_002", "conv-new-human", "human");
        assertThat(speakerRoom()).isEqualTo("bedroom");
        assertThat(bot.customers.readValuesToList()).isEmpty();
    }

    @Test
    void anotherRoomInsteadOfTheOneAskedAboutIsJudgedAfresh() {
        bot.say("cust_002", "conv-new-other", "move my speaker to the granny flat");
        Reply moved = bot.say("cust_002", "conv-new-other", "to the garage");
        assertThat(moved.text()).isEqualTo("Done: your smart speaker has moved from the bedroom to the garage.");
        assertThat(speakerRoom()).isEqualTo("garage");
    }

    /** The security review's case: one 3,977-character word was stored as the speaker's location. */
    @Test
    void aRoomNameTooLongStoresNothingAndSaysWhatARoomNameMayBe() {
        Reply refused = bot.say("cust_002", "conv-long", "move my speaker to the " + "z".repeat(3_977));
        assertThat(refused.text()).isEqualTo("That room name is too long: " + RoomName.RULE
                + ". Where should I move your smart speaker in the bedroom? For example: \"move it to the kitchen\".");
        assertThat(bot.customers.readValuesToList()).isEmpty();
        assertThat(speakerRoom()).isEqualTo("bedroom");

        Reply moved = bot.say("cust_002", "conv-long", "to the garage");
        assertThat(moved.text()).as("the answer to the question carries the move on").isEqualTo(
                "Done: your smart speaker has moved from the bedroom to the garage.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"move my speaker to the <script>", "move my speaker to the <script>alert(1)</script>",
            "move my speaker to the bed\u0007room", "move my speaker to the kitchen\u0000\u001b[31m", "move my speaker to the \uD83D\uDECB\uFE0F",
            "move my speaker to the \uD83D\uDECB\uD83D\uDEC1\uD83D\uDEBD"})
    void oddCharactersStoreNothing(String text) {
        Reply reply = bot.say("cust_002", "conv-odd", text);
        assertThat(reply.text()).doesNotStartWith("Done").doesNotContain("<").doesNotContain("\u0000");
        bot.say("cust_002", "conv-odd", "yes");
        assertThat(bot.customers.readValuesToList()).as("no customer change for '%s'", text).isEmpty();
        assertThat(speakerRoom()).isEqualTo("bedroom");
    }

    @Test
    void markupAroundTheRoomGetsTheRule() {
        Reply refused = bot.say("cust_002", "conv-markup", "move my speaker to the <script>");
        assertThat(refused.text()).startsWith("That room name has characters I can't use: " + RoomName.RULE);
    }
}
