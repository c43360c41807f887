package dev.servicebot.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicebot.topics.Topics;
import dev.servicebot.topics.model.HandoffCommand.Kind;
import dev.servicebot.topics.model.HandoffEvent;
import dev.servicebot.topics.model.HistoryMessage;
import dev.servicebot.topics.model.InboundMessage;
import dev.servicebot.topics.model.Reply;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** Handing a conversation to a person and back, in the real topology (TopologyTestDriver). */
class HandoffTest extends BotTestBase {

    private HandoffEvent onlyEvent() {
        List<HandoffEvent> events = bot.handoffs.readValuesToList();
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    @Test
    void askingForAPersonOpensAHandoffWithTheTiersPriorityAndSaysWhenSomeoneWillJoin() {
        Reply basic = bot.say("cust_001", "conv-b", "Can you put me through to a human?");
        assertThat(basic.text()).contains("support team").contains("30 minutes");
        assertThat(basic.requestType().wireName()).isEqualTo("human_handoff");
        assertThat(basic.allowed()).isTrue();
        HandoffEvent requested = onlyEvent();
        assertThat(requested.kind()).isEqualTo(HandoffEvent.Kind.requested);
        assertThat(requested.customerId()).isEqualTo("cust_001");
        assertThat(requested.conversationId()).isEqualTo("conv-b");
        assertThat(requested.serviceLevel()).isEqualTo("basic");
        assertThat(requested.priority()).isEqualTo("standard");
        assertThat(requested.reason()).isEqualTo(HandoffEvent.Reason.asked);
        assertThat(requested.rank()).isEqualTo(2);
        assertThat(requested.targetSeconds()).isEqualTo(1800L);
        assertThat(requested.handoffId()).isEqualTo(basic.inReplyTo() + "-h");
        assertThat(requested.requestedAt()).isNotBlank();

        Reply enterprise = bot.say("cust_003", "conv-e", "get me an agent please");
        assertThat(enterprise.text()).contains("a minute");
        HandoffEvent dedicated = onlyEvent();
        assertThat(dedicated.priority()).isEqualTo("dedicated");
        assertThat(dedicated.rank()).isEqualTo(0);
        assertThat(dedicated.rank()).isLessThan(requested.rank());
    }

    @Test
    void twoMisunderstoodMessagesInARowGetTheOfferAndYesTakesIt() {
        Reply first = bot.say("cust_002", "conv-m", "blorp fizzle wug");
        assertThat(first.text()).doesNotContain("talk to a person");
        Reply second = bot.say("cust_002", "conv-m", "zork quux the frobnicator");
        assertThat(second.text()).contains("talk to a person");
        assertThat(bot.handoffs.isEmpty()).as("offered, not forced").isTrue();

        Reply yes = bot.say("cust_002", "conv-m", "yes please");
        assertThat(yes.text()).contains("5 minutes");
        HandoffEvent requested = onlyEvent();
        assertThat(requested.reason()).isEqualTo(HandoffEvent.Reason.not_understood);
        assertThat(requested.priority()).isEqualTo("priority");
    }

    @Test
    void greetingsDoNotCountAsMisunderstandingsAndAnOfferNotTakenLapses() {
        bot.say("cust_002", "conv-g", "hello");
        assertThat(bot.say("cust_002", "conv-g", "thanks").text()).doesNotContain("talk to a person");
        bot.say("cust_002", "conv-g", "blorp fizzle wug");
        assertThat(bot.say("cust_002", "conv-g", "zork quux the frobnicator").text()).contains("talk to a person");
        Reply status = bot.say("cust_002", "conv-g", "is my bedroom speaker online?");
        assertThat(status.requestType().wireName()).isEqualTo("device_status");
        bot.say("cust_002", "conv-g", "yes");
        assertThat(bot.handoffs.isEmpty()).as("the offer lapsed when the customer asked something else").isTrue();
    }

    @Test
    void theSameRequestDeniedTwiceGetsTheOffer() {
        Reply once = bot.say("cust_001", "conv-d", "Move my speaker to the bedroom");
        assertThat(once.allowed()).isFalse();
        assertThat(once.text()).doesNotContain("talk to a person");
        Reply twice = bot.say("cust_001", "conv-d", "please just move the speaker to the bedroom");
        assertThat(twice.allowed()).isFalse();
        assertThat(twice.text()).contains("talk to a person");
        bot.say("cust_001", "conv-d", "yes");
        assertThat(onlyEvent().reason()).isEqualTo(HandoffEvent.Reason.denied_twice);
    }

    @Test
    void whileHandedOffTheBotIsQuietAndTheAgentAnswersThroughTheSamePathUntilResolved() {
        bot.say("cust_002", "conv-h", "I want to talk to a real person");
        HandoffEvent requested = onlyEvent();
        bot.messages.readValuesToList();

        // Waiting for a person: recorded and passed on, not answered by the bot.
        assertThat(bot.post("cust_002", "conv-h", "my display keeps rebooting")).isEmpty();
        List<HistoryMessage> recorded = bot.messages.readValuesToList();
        assertThat(recorded).singleElement().satisfies(m -> {
            assertThat(m.userId()).isEqualTo("cust_002");
            assertThat(m.text()).isEqualTo("my display keeps rebooting");
        });
        HandoffEvent passedOn = onlyEvent();
        assertThat(passedOn.kind()).isEqualTo(HandoffEvent.Kind.customer_message);
        assertThat(passedOn.text()).isEqualTo("my display keeps rebooting");
        assertThat(passedOn.handoffId()).isEqualTo(requested.handoffId());

        List<Reply> joined = bot.agent(Kind.claim, "agent_001", "Sam Rivera", "cust_002", "conv-h", null);
        assertThat(joined).singleElement().satisfies(r -> assertThat(r.text()).contains("Sam Rivera").contains("joined"));
        HandoffEvent claimed = onlyEvent();
        assertThat(claimed.kind()).isEqualTo(HandoffEvent.Kind.claimed);
        assertThat(claimed.agentId()).isEqualTo("agent_001");
        bot.messages.readValuesToList();

        List<Reply> fromAgent = bot.agent(Kind.message, "agent_001", "Sam Rivera", "cust_002", "conv-h", "Hi John, let's reset it together.");
        assertThat(fromAgent).singleElement().satisfies(r -> {
            assertThat(r.text()).isEqualTo("Hi John, let's reset it together.");
            assertThat(r.fromPerson()).isTrue();
            assertThat(r.from()).isEqualTo("agent:agent_001");
            assertThat(r.fromName()).isEqualTo("Sam Rivera");
            assertThat(r.customerId()).isEqualTo("cust_002");
        });
        assertThat(bot.messages.readValuesToList()).singleElement().satisfies(m -> {
            assertThat(m.userId()).isEqualTo(HistoryMessage.agentUserId("agent_001"));
            assertThat(m.fromAgent()).isTrue();
            assertThat(m.conversationId()).isEqualTo("conv-h");
        });
        assertThat(onlyEvent().kind()).isEqualTo(HandoffEvent.Kind.agent_message);

        List<Reply> back = bot.agent(Kind.resolve, "agent_001", "Sam Rivera", "cust_002", "conv-h", null);
        assertThat(back).singleElement().satisfies(r -> assertThat(r.text()).contains("back to me"));
        assertThat(onlyEvent().kind()).isEqualTo(HandoffEvent.Kind.resolved);

        Reply botAgain = bot.say("cust_002", "conv-h", "is my bedroom speaker online?");
        assertThat(botAgain.fromPerson()).isFalse();
        assertThat(botAgain.requestType().wireName()).isEqualTo("device_status");
        assertThat(bot.handoffs.isEmpty()).isTrue();
    }

    @Test
    void ofTwoClaimsTheFirstWinsAndOnlyItsAgentWrites() {
        bot.say("cust_003", "conv-c", "can I speak to a human");
        bot.handoffs.readValuesToList();
        bot.agent(Kind.claim, "agent_001", "Sam Rivera", "cust_003", "conv-c", null);
        assertThat(onlyEvent().kind()).isEqualTo(HandoffEvent.Kind.claimed);

        assertThat(bot.agent(Kind.claim, "agent_002", "Priya Nair", "cust_003", "conv-c", null)).isEmpty();
        HandoffEvent refused = onlyEvent();
        assertThat(refused.kind()).isEqualTo(HandoffEvent.Kind.refused);
        assertThat(refused.agentId()).isEqualTo("agent_002");
        assertThat(refused.refusal()).contains("already claimed by Sam Rivera");

        assertThat(bot.agent(Kind.message, "agent_002", "Priya Nair", "cust_003", "conv-c", "hello?")).isEmpty();
        assertThat(onlyEvent().refusal()).contains("only they can write");
        assertThat(bot.agent(Kind.resolve, "agent_002", "Priya Nair", "cust_003", "conv-c", null)).isEmpty();
        assertThat(onlyEvent().kind()).isEqualTo(HandoffEvent.Kind.refused);

        // The same agent claiming again (a double click) changes nothing and says nothing.
        assertThat(bot.agent(Kind.claim, "agent_001", "Sam Rivera", "cust_003", "conv-c", null)).isEmpty();
        assertThat(bot.handoffs.isEmpty()).isTrue();
    }

    @Test
    void anAgentCanActOnlyOnAHandedOffConversationOfThatCustomer() {
        bot.say("cust_002", "conv-n", "is my bedroom speaker online?");
        assertThat(bot.agent(Kind.claim, "agent_001", "Sam Rivera", "cust_002", "conv-n", null)).isEmpty();
        assertThat(onlyEvent().refusal()).contains("not handed off");
        assertThat(bot.agent(Kind.message, "agent_001", "Sam Rivera", "cust_002", "conv-unknown", "hi")).isEmpty();
        assertThat(onlyEvent().refusal()).contains("not handed off");

        bot.say("cust_003", "conv-x", "put me through to a person");
        bot.handoffs.readValuesToList();
        // cust_003's conversation named with another customer: refused, never claimed.
        assertThat(bot.agent(Kind.claim, "agent_001", "Sam Rivera", "cust_002", "conv-x", null)).isEmpty();
        assertThat(onlyEvent().kind()).isEqualTo(HandoffEvent.Kind.refused);
        assertThat(bot.agent(Kind.claim, "agent_001", "Sam Rivera", "cust_003", "conv-x", null)).hasSize(1);
    }

    @Test
    void aReplayOfAHandedOffRangeReRecordsHistoryButReopensNothing() {
        InboundMessage ask = new InboundMessage("msg-r1", "conv-r", "cust_002", "let me talk to a human", bot.now(), null, null, null);
        String told = bot.send(ask).text();
        InboundMessage during = new InboundMessage("msg-r2", "conv-r", "cust_002", "it's the kitchen display", bot.now(), null, null, null);
        bot.inbound.pipeInput("cust_002", during);
        bot.agent(Kind.claim, "agent_001", "Sam Rivera", "cust_002", "conv-r", null);
        bot.agent(Kind.resolve, "agent_001", "Sam Rivera", "cust_002", "conv-r", null);
        bot.handoffs.readValuesToList();
        bot.messages.readValuesToList();
        bot.replies.readValuesToList();

        RecordHeaders replay = new RecordHeaders();
        replay.add(Topics.REPLAY_HEADER, "replay-1".getBytes());
        bot.inbound.pipeInput(new TestRecord<>("cust_002", ask, replay));
        bot.inbound.pipeInput(new TestRecord<>("cust_002", during, replay));

        assertThat(bot.handoffs.isEmpty()).as("no handoff reopened").isTrue();
        List<HistoryMessage> history = bot.messages.readValuesToList();
        assertThat(history).extracting(HistoryMessage::messageId).containsExactly("msg-r1", "msg-r1-r", "msg-r2");
        assertThat(bot.replies.readValuesToList()).singleElement().satisfies(r -> {
            assertThat(r.inReplyTo()).isEqualTo("msg-r1");
            assertThat(r.text()).as("the same words as the first time").isEqualTo(told);
        });
        // The bot still has the conversation: the replay did not hand it back to a person.
        Reply after = bot.say("cust_002", "conv-r", "is my bedroom speaker online?");
        assertThat(after.requestType().wireName()).isEqualTo("device_status");
        assertThat(bot.handoffs.isEmpty()).isTrue();
    }

    /** The offer of a person depends on what came before; a replay, read with a context that has moved on, still says the same. */
    @Test
    void aReplaySaysWhatTheBotSaidTheFirstTimeOfferAndAllAndTakesNoOfferAgain() {
        List<InboundMessage> sent = new java.util.ArrayList<>();
        List<String> said = new java.util.ArrayList<>();
        for (String text : List.of("Move my speaker to the bedroom", "please just move the speaker to the bedroom", "yes")) {
            InboundMessage m = new InboundMessage("msg-o" + sent.size(), "conv-o", "cust_001", text, bot.now(), null, null, null);
            sent.add(m);
            said.add(bot.send(m).text());
        }
        assertThat(said.get(1)).contains("talk to a person");
        assertThat(onlyEvent().reason()).isEqualTo(HandoffEvent.Reason.denied_twice);
        bot.agent(Kind.resolve, "agent_001", "Sam Rivera", "cust_001", "conv-o", null);
        bot.handoffs.readValuesToList();
        bot.replies.readValuesToList();

        RecordHeaders replay = new RecordHeaders();
        replay.add(Topics.REPLAY_HEADER, "replay-o".getBytes());
        sent.forEach(m -> bot.inbound.pipeInput(new TestRecord<>("cust_001", m, replay)));
        assertThat(bot.replies.readValuesToList()).extracting(Reply::text).containsExactlyElementsOf(said);
        assertThat(bot.handoffs.isEmpty()).as("the replayed yes reopens nothing").isTrue();
    }
}
