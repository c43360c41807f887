package dev.servicebot.processor;

import static org.assertj.core.api.Assertions.assertThat;

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
    void theSameMessageTwiceGivesIdenticalKeysAndIds() {
        InboundMessage message = new InboundMessage("msg-77", "conv-77", "cust_003", "Is my office speaker online?",
                "2026-11-26T10:00:00.123Z", "client-1", null, null);
        List<String> first;
        List<String> second;
        try (BotHarness bot = new BotHarness()) {
            first = keysAndIds(bot, message);
        }
        try (BotHarness bot = new BotHarness()) {
            first = keysAndIds(bot, message);
            second = keysAndIds(bot, message); // reprocessed on the same state, as after a rebalance
        }
        assertThat(second).isEqualTo(first);
        assertThat(first).containsExactly(
                "conv-77|2026-11-26T10:00:00.123000Z|msg-77",
                "conv-77|2026-11-26T10:00:00.123001Z|msg-77-r",
                "reply|msg-77-r|msg-77");
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
    void headersOfTheInboundRecordTravelToEveryOutput() {
        try (BotHarness bot = new BotHarness()) {
            RecordHeaders headers = new RecordHeaders();
            headers.add("servicebot.replay", "true".getBytes());
            InboundMessage message = new InboundMessage("msg-h", "conv-h", "cust_001", "turn it up", bot.now(), null, null, null);
            bot.inbound.pipeInput(new TestRecord<>("cust_001", message, headers));
            assertThat(bot.replies.readRecord().headers().lastHeader("servicebot.replay")).isNotNull();
            assertThat(bot.messages.readRecordsToList()).allSatisfy(r -> assertThat(r.headers().lastHeader("servicebot.replay")).isNotNull());
            assertThat(bot.deviceCommands.readRecord().headers().lastHeader("servicebot.replay")).isNotNull();
        }
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
