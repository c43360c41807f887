package dev.servicebot.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicebot.topics.model.DeviceCommand;
import dev.servicebot.topics.model.Reply;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Device resolution, clarifying questions, follow-ups and the actions the bot carries out. */
class ConversationTest extends BotTestBase {

    @Test
    void aFollowUpMeansTheDeviceTheConversationIsAbout() {
        Reply status = bot.say("cust_002", "conv-1", "Is my bedroom speaker online?");
        assertThat(status.text()).contains("smart speaker in the bedroom").doesNotContain("dev_");
        Reply moved = bot.say("cust_002", "conv-1", "move it to the kitchen");
        assertThat(moved.allowed()).isTrue();
        assertThat(moved.text()).contains("smart speaker").contains("from the bedroom to the kitchen");
        assertThat(bot.customer("cust_002").device("dev_002").orElseThrow().location()).isEqualTo("kitchen");
        assertThat(bot.customers.readValuesToList()).last()
                .satisfies(c -> assertThat(c.device("dev_002").orElseThrow().location()).isEqualTo("kitchen"));
    }

    @Test
    void anAmbiguousRequestGetsAQuestionAndTheAnswerCarriesItOn() {
        Reply question = bot.say("cust_002", "conv-2", "turn up the volume");
        assertThat(question.text()).startsWith("Which one do you mean:")
                .contains("smart speaker in the bedroom").contains("smart display in the kitchen");
        assertThat(bot.deviceCommands.readValuesToList()).isEmpty();

        Reply done = bot.say("cust_002", "conv-2", "the kitchen one");
        assertThat(done.text()).contains("smart display in the kitchen").contains("up");
        List<DeviceCommand> commands = bot.deviceCommands.readValuesToList();
        assertThat(commands).singleElement().satisfies(c -> {
            assertThat(c.deviceId()).isEqualTo("dev_003");
            assertThat(c.action()).isEqualTo("volume_control");
            assertThat(c.parameters()).containsEntry("direction", "up");
        });
    }

    @Test
    void aMoveWithoutADestinationAsksWhereAndTheAnswerMovesIt() {
        Reply where = bot.say("cust_003", "conv-3", "please relocate my hub");
        assertThat(where.text()).startsWith("Where should I move your smart hub in the reception");
        Reply moved = bot.say("cust_003", "conv-3", "to the office");
        assertThat(moved.text()).contains("smart hub").contains("to the office");
        assertThat(bot.customer("cust_003").device("dev_006").orElseThrow().location()).isEqualTo("office");
    }

    @Test
    void theOnlyDeviceNeedsNoName() {
        Reply reply = bot.say("cust_001", "conv-4", "turn it down");
        assertThat(reply.text()).isEqualTo("Done: I've turned your smart speaker in the living room down.");
        assertThat(bot.deviceCommands.readValuesToList()).singleElement()
                .satisfies(c -> assertThat(c.parameters()).containsEntry("direction", "down"));
    }

    @Test
    void aDeviceTheCustomerDoesNotHaveIsSaidPlainly() {
        Reply reply = bot.say("cust_001", "conv-5", "What is my smart display?");
        assertThat(reply.text()).isEqualTo("I couldn't find that device on your account. You have a smart speaker in the living room.");
        Reply byId = bot.say("cust_001", "conv-5", "status of dev_004 please");
        assertThat(byId.text()).startsWith("I couldn't find that device");
    }

    @Test
    void relocatingToTheRoomItIsInChangesNothing() {
        Reply reply = bot.say("cust_002", "conv-6", "Move my smart speaker to the bedroom");
        assertThat(reply.text()).isEqualTo("Your smart speaker is already in the bedroom.");
        assertThat(bot.customers.readValuesToList()).isEmpty();
    }

    @Test
    void musicMultiRoomAndRoutinesBecomeDeviceCommands() {
        Reply music = bot.say("cust_003", "conv-7", "Play jazz music on my office speaker");
        assertThat(music.text()).isEqualTo("Playing jazz on your smart speaker in the office.");
        assertThat(bot.deviceCommands.readValuesToList()).singleElement().satisfies(c -> {
            assertThat(c.action()).isEqualTo("music_services");
            assertThat(c.parameters()).containsEntry("command", "play").containsEntry("query", "jazz");
            assertThat(c.deviceId()).isEqualTo("dev_004");
        });

        Reply group = bot.say("cust_003", "conv-7", "Play the same music on all my speakers");
        assertThat(group.text()).contains("smart speaker in the office").contains("smart display in the conference room").doesNotContain("hub").doesNotContain("starting with");
        assertThat(bot.deviceCommands.readValuesToList()).extracting(DeviceCommand::deviceId).containsExactly("dev_004", "dev_005");
        Reply jazzEverywhere = bot.say("cust_003", "conv-7", "play jazz on all speakers");
        assertThat(jazzEverywhere.text()).endsWith("now play together, starting with jazz.");
        assertThat(bot.deviceCommands.readValuesToList()).allSatisfy(c -> assertThat(c.parameters()).containsEntry("query", "jazz"));

        Reply routine = bot.say("cust_003", "conv-7", "Create a routine to turn on my speaker at 7 AM");
        assertThat(routine.text()).contains("routine").contains("at 7 am");
        assertThat(bot.deviceCommands.readValuesToList()).singleElement().satisfies(c -> {
            assertThat(c.action()).isEqualTo("custom_actions");
            assertThat(c.parameters()).containsEntry("schedule", "at 7 am");
        });
    }

    @Test
    void aHubDoesNotPlayMusic() {
        Reply reply = bot.say("cust_003", "conv-8", "play some music on the hub");
        assertThat(reply.allowed()).isTrue();
        assertThat(reply.text()).isEqualTo("Your smart hub in the reception doesn't play audio. Try one of your speakers or displays.");
        assertThat(bot.deviceCommands.readValuesToList()).isEmpty();
    }

    @Test
    void powerLightsAndSmallTalkGetHelpfulAnswers() {
        Reply power = bot.say("cust_001", "conv-9", "turn off my speaker");
        assertThat(power.requestType()).isNull();
        assertThat(power.allowed()).isNull();
        assertThat(power.text()).startsWith("I can't switch devices on or off remotely");
        assertThat(bot.say("cust_001", "conv-9", "Turn on the lights").text()).startsWith("I can't control lights");
        assertThat(bot.say("cust_001", "conv-9", "hello").text()).startsWith("Hello Jane!")
                .contains("check a device's status, change the volume and tell you about your devices");
        assertThat(bot.say("cust_001", "conv-9", "Don't move my speaker").text()).startsWith("Okay, I won't do that.");
    }

    /** The reply says why the bot read the message so: a rule, or the model's scores and its nearest labelled examples. */
    @Test
    void everyReplySaysWhyTheMessageWasReadSo() {
        Reply byModel = bot.say("cust_002", "conv-why-1", "is my bedroom speaker online?");
        assertThat(byModel.reason()).startsWith("model: device_status").contains("nearest examples: \"");
        Reply byRule = bot.say("cust_003", "conv-why-2", "don't move my speaker to the kitchen");
        assertThat(byRule.requestType()).isNull();
        assertThat(byRule.reason()).startsWith("rule: everything asked for is negated; model read device_relocation");
        assertThat(bot.replies.readValuesToList()).isEmpty(); // say() consumed both replies
    }

    /** "The kitchen", answering "which one?", names the device: it is not a new destination. */
    @Test
    void aRoomAnsweringWhichOneNamesTheDevice() {
        Reply which = bot.say("cust_002", "conv-which-room", "move my device to the office");
        assertThat(which.text()).startsWith("Which one do you mean");
        Reply moved = bot.say("cust_002", "conv-which-room", "the kitchen");
        assertThat(moved.text()).isEqualTo("Done: your smart display has moved from the kitchen to the office.");
        assertThat(bot.customer("cust_002").device("dev_003").orElseThrow().location()).isEqualTo("office");
        assertThat(bot.customer("cust_002").device("dev_002").orElseThrow().location()).isEqualTo("bedroom");
    }
}
