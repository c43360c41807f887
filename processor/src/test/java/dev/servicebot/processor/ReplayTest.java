package dev.servicebot.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicebot.topics.CloudEvents;
import dev.servicebot.topics.DeadLetter;
import dev.servicebot.topics.Topics;
import dev.servicebot.topics.model.HistoryMessage;
import dev.servicebot.topics.model.InboundMessage;
import dev.servicebot.topics.model.Reply;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** Reprocessing a message overwrites, never duplicates: the same ids and the same history keys. */
class ReplayTest {

    @Test
    void theSameMessageOnFreshStateGivesIdenticalKeysAndIds() {
        InboundMessage message = new InboundMessage("msg-77", "conv-77", "cust_003", "Is my office speaker online?",
                "2026-11-26T10:00:00.123Z", "client-1", null, null);
        List<String> first;
        List<String> second;
        try (BotHarness bot = new BotHarness()) {
            first = keysAndIds(bot, message);
        }
        try (BotHarness bot = new BotHarness()) { // as after a crash: the aborted transaction's state is gone too
            second = keysAndIds(bot, message);
        }
        assertThat(second).isEqualTo(first);
        assertThat(first).containsExactly(
                "conv-77|2026-11-26T10:00:00.123000Z|msg-77",
                "conv-77|2026-11-26T10:00:00.123001Z|msg-77-r",
                "reply|msg-77-r|msg-77");
    }

    @Test
    void aResendOfAnAnsweredMessageIsAnsweredOnceAndActsOnce() {
        try (BotHarness bot = new BotHarness()) {
            String id = InboundMessage.idFor("cust_002", "conv-resend", "cm-1");
            InboundMessage move = new InboundMessage(id, "conv-resend", "cust_002", "Move my speaker to the kitchen", bot.now(), "cm-1", "c-1", "gw-1");
            bot.inbound.pipeInput("cust_002", move);
            assertThat(bot.messages.readValuesToList()).hasSize(2);
            assertThat(bot.replies.readValuesToList()).hasSize(1);
            assertThat(bot.customers.readValuesToList()).hasSize(1); // the relocation

            // The gateway died before the ack; the client resends to another gateway, which stamps it anew.
            assertThat(InboundMessage.idFor("cust_002", "conv-resend", "cm-1")).isEqualTo(id);
            InboundMessage resend = new InboundMessage(id, "conv-resend", "cust_002", "Move my speaker to the kitchen", bot.now(), "cm-1", "c-2", "gw-2");
            bot.inbound.pipeInput("cust_002", resend);
            assertThat(bot.messages.readValuesToList()).isEmpty();
            assertThat(bot.replies.readValuesToList()).isEmpty();
            assertThat(bot.customers.readValuesToList()).isEmpty();
            assertThat(bot.deviceCommands.readValuesToList()).isEmpty();

            // The same clientMessageId in another conversation is another message.
            assertThat(InboundMessage.idFor("cust_002", "conv-other", "cm-1")).isNotEqualTo(id);
            assertThat(InboundMessage.idFor("cust_003", "conv-resend", "cm-1")).isNotEqualTo(id);
        }
    }

    @Test
    void historyKeysAreUniqueAndEachReplySortsRightAfterItsMessage() {
        try (BotHarness bot = new BotHarness()) {
            List<String> texts = List.of("hi", "Is my speaker online?", "turn it up", "what devices do I have", "thanks");
            for (String text : texts) {
                bot.say("cust_002", "conv-sort", text);
            }
            List<HistoryMessage> history = bot.messages.readValuesToList();
            assertThat(history).hasSize(2 * texts.size());
            assertThat(new HashSet<>(history.stream().map(HistoryMessage::timestamp).toList())).hasSize(history.size());
            List<HistoryMessage> sorted = new ArrayList<>(history);
            sorted.sort((a, b) -> a.timestamp().compareTo(b.timestamp()));
            for (int i = 0; i < sorted.size(); i += 2) {
                assertThat(sorted.get(i).fromBot()).isFalse();
                assertThat(sorted.get(i + 1).inReplyTo()).isEqualTo(sorted.get(i).messageId());
            }
        }
    }

    @Test
    void aReplayIsMarkedAndRepeatsNoSideEffect() {
        try (BotHarness bot = new BotHarness()) {
            InboundMessage move = new InboundMessage("msg-h", "conv-h", "cust_002", "Move my speaker to the kitchen", bot.now(), null, null, null);
            bot.inbound.pipeInput("cust_002", move);
            assertThat(bot.customers.readValuesToList()).isNotEmpty();
            List<String> firstRun = bot.messages.readRecordsToList().stream().map(r -> r.key() + "|" + r.value()).toList();
            bot.replies.readRecordsToList();
            bot.say("cust_002", "conv-h", "Move my speaker to the bedroom"); // the world moves on after the first run

            RecordHeaders headers = new RecordHeaders();
            headers.add(Topics.REPLAY_HEADER, "replay-1".getBytes());
            bot.messages.readRecordsToList();
            bot.replies.readRecordsToList();
            bot.customers.readRecordsToList();
            bot.deviceCommands.readRecordsToList();
            bot.inbound.pipeInput(new TestRecord<>("cust_002", move, headers));

            List<TestRecord<String, HistoryMessage>> replayed = bot.messages.readRecordsToList();
            assertThat(replayed).hasSize(2).allSatisfy(r -> assertThat(r.headers().lastHeader(Topics.REPLAY_HEADER)).isNotNull());
            assertThat(replayed.get(0).key() + "|" + replayed.get(0).value()).isEqualTo(firstRun.get(0));
            assertThat(bot.replies.readRecord().headers().lastHeader(Topics.REPLAY_HEADER)).isNotNull();
            // Not moved back to the kitchen: the relocation happened in the first run.
            assertThat(bot.customers.isEmpty()).isTrue();
            assertThat(bot.deviceCommands.isEmpty()).isTrue();
        }
    }

    @Test
    void everyOutputCarriesItsOwnCloudEventsHeaders() {
        try (BotHarness bot = new BotHarness()) {
            bot.inbound.pipeInput("cust_003",
                    new InboundMessage("msg-ce", "conv-ce", "cust_003", "turn up the office speaker", bot.now(), null, null, null));
            var reply = bot.replies.readRecord();
            assertThat(header(reply.headers(), CloudEvents.ID)).isEqualTo(reply.value().messageId());
            assertThat(header(reply.headers(), CloudEvents.TYPE)).isEqualTo("dev.servicebot.chat.replies.v1");
            assertThat(header(reply.headers(), CloudEvents.SOURCE)).isEqualTo("/servicebot/processor/servicebot.chat.replies.v1");
            for (var history : bot.messages.readRecordsToList()) {
                assertThat(header(history.headers(), CloudEvents.ID)).isEqualTo(history.value().messageId());
                assertThat(java.time.Instant.parse(header(history.headers(), CloudEvents.TIME)))
                        .isEqualTo(java.time.Instant.parse(history.value().timestamp()));
                assertThat(history.headers().headers(CloudEvents.ID)).hasSize(1);
            }
            var command = bot.deviceCommands.readRecord();
            assertThat(header(command.headers(), CloudEvents.ID)).isEqualTo(command.value().commandId());
            assertThat(header(command.headers(), CloudEvents.CONTENT_TYPE)).isEqualTo("application/json");
        }
    }

    private static String header(org.apache.kafka.common.header.Headers headers, String name) {
        return DeadLetter.header(headers, name);
    }

    private static List<String> keysAndIds(BotHarness bot, InboundMessage message) {
        bot.inbound.pipeInput(message.customerId(), message);
        List<String> out = bot.messages.readRecordsToList().stream()
                .map(r -> r.key() + "|" + r.value().timestamp() + "|" + r.value().messageId())
                .collect(Collectors.toList());
        Reply reply = bot.replies.readValue();
        out.add("reply|" + reply.messageId() + "|" + reply.inReplyTo());
        return out;
    }
}
