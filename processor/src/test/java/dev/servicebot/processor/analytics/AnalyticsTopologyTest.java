package dev.servicebot.processor.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicebot.topics.CloudEvents;
import dev.servicebot.topics.DeadLetter;
import dev.servicebot.topics.Topics;
import dev.servicebot.topics.model.ClaimTime;
import dev.servicebot.topics.model.DeniedRequestCount;
import dev.servicebot.topics.model.HandoffCount;
import dev.servicebot.topics.model.HandoffEvent;
import dev.servicebot.topics.model.HistoryMessage;
import dev.servicebot.topics.model.RequestType;
import dev.servicebot.topics.model.RequestTypeCount;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AnalyticsTopologyTest {
    private TopologyTestDriver driver;
    private TestInputTopic<String, HistoryMessage> history;
    private TestOutputTopic<String, DeniedRequestCount> denied;
    private TestOutputTopic<String, RequestTypeCount> types;
    private TestInputTopic<String, HandoffEvent> handoffs;
    private TestOutputTopic<String, HandoffCount> handoffCounts;
    private TestOutputTopic<String, ClaimTime> claimTimes;
    private int sequence;

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "analytics-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(AnalyticsTopology.build(), props);
        history = driver.createInputTopic(Topics.MESSAGES.name(), new StringSerializer(), Topics.MESSAGES.valueSerde().serializer());
        denied = driver.createOutputTopic(Topics.DENIED_REQUESTS.name(), new StringDeserializer(), Topics.DENIED_REQUESTS.valueSerde().deserializer());
        types = driver.createOutputTopic(Topics.REQUEST_TYPES.name(), new StringDeserializer(), Topics.REQUEST_TYPES.valueSerde().deserializer());
        handoffs = driver.createInputTopic(Topics.HANDOFFS.name(), new StringSerializer(), Topics.HANDOFFS.valueSerde().serializer());
        handoffCounts = driver.createOutputTopic(Topics.HANDOFF_COUNTS.name(), new StringDeserializer(),
                Topics.HANDOFF_COUNTS.valueSerde().deserializer());
        claimTimes = driver.createOutputTopic(Topics.CLAIM_TIMES.name(), new StringDeserializer(), Topics.CLAIM_TIMES.valueSerde().deserializer());
    }

    private HandoffEvent handoff(HandoffEvent.Kind kind, String conversation, String level, String priority, long target,
                                 HandoffEvent.Reason reason, String requestedAt, String at) {
        return new HandoffEvent("e-" + (++sequence), kind, conversation + "-h", conversation, "cust-" + level, null, level, priority, 0,
                target, reason, requestedAt, at, kind == HandoffEvent.Kind.requested ? null : "agent_001", null, "m-" + sequence, "hi", null);
    }

    @Test
    void countsHandoffsPerTierAndReasonAndTheirTimeToClaimPerPriority() {
        handoffs.pipeInput("c1", handoff(HandoffEvent.Kind.requested, "c1", "basic", "standard", 1800, HandoffEvent.Reason.asked,
                "2026-11-26T10:00:00Z", "2026-11-26T10:00:00Z"));
        handoffs.pipeInput("c2", handoff(HandoffEvent.Kind.requested, "c2", "basic", "standard", 1800, HandoffEvent.Reason.asked,
                "2026-11-26T10:20:00Z", "2026-11-26T10:20:00Z"));
        handoffs.pipeInput("c3", handoff(HandoffEvent.Kind.requested, "c3", "enterprise", "dedicated", 60, HandoffEvent.Reason.not_understood,
                "2026-11-26T10:30:00Z", "2026-11-26T10:30:00Z"));
        handoffs.pipeInput("c1", handoff(HandoffEvent.Kind.customer_message, "c1", "basic", "standard", 1800, HandoffEvent.Reason.asked,
                "2026-11-26T10:00:00Z", "2026-11-26T10:01:00Z"));
        // Claimed after 10 min and 40 min (one over the 30 min target); the dedicated one after 90 s (over 60 s).
        handoffs.pipeInput("c1", handoff(HandoffEvent.Kind.claimed, "c1", "basic", "standard", 1800, HandoffEvent.Reason.asked,
                "2026-11-26T10:00:00Z", "2026-11-26T10:10:00Z"));
        handoffs.pipeInput("c2", handoff(HandoffEvent.Kind.claimed, "c2", "basic", "standard", 1800, HandoffEvent.Reason.asked,
                "2026-11-26T10:20:00Z", "2026-11-26T11:00:00Z"));
        handoffs.pipeInput("c3", handoff(HandoffEvent.Kind.claimed, "c3", "enterprise", "dedicated", 60, HandoffEvent.Reason.not_understood,
                "2026-11-26T10:30:00Z", "2026-11-26T10:31:30Z"));

        Map<String, HandoffCount> counts = handoffCounts.readKeyValuesToMap();
        assertThat(counts.get("2026-11-26T10:00:00Z|basic|asked").count()).isEqualTo(2);
        assertThat(counts.get("2026-11-26T10:00:00Z|enterprise|not_understood").count()).isEqualTo(1);
        assertThat(counts).hasSize(2);

        Map<String, ClaimTime> claims = claimTimes.readKeyValuesToMap();
        ClaimTime standardAtTen = claims.get("2026-11-26T10:00:00Z|standard");
        assertThat(standardAtTen.count()).isEqualTo(1);
        assertThat(standardAtTen.maxSeconds()).isEqualTo(600.0);
        assertThat(standardAtTen.overTarget()).isZero();
        ClaimTime standardAtEleven = claims.get("2026-11-26T11:00:00Z|standard");
        assertThat(standardAtEleven.totalSeconds()).isEqualTo(2400.0);
        assertThat(standardAtEleven.overTarget()).isEqualTo(1);
        ClaimTime dedicated = claims.get("2026-11-26T10:00:00Z|dedicated");
        assertThat(dedicated.meanSeconds()).isEqualTo(90.0);
        assertThat(dedicated.overTarget()).isEqualTo(1);
    }

    @Test
    void historyWrittenWhileAPersonHadTheConversationIsNotCountedAsRequests() {
        RecordHeaders handedOff = new RecordHeaders();
        handedOff.add(Topics.HANDOFF_HEADER, "m-1-h".getBytes());
        history.pipeInput(new TestRecord<>("conv", message("basic", null, null, "2026-11-26T10:07:00Z"), handedOff));
        history.pipeInput("conv", new HistoryMessage("conv", "2026-11-26T10:08:00Z", HistoryMessage.agentUserId("agent_001"), "Hi, I'm Sam",
                null, null, null, "hcmd-1", "m-1", "basic"));
        request("basic", RequestType.of("device_status"), true, "2026-11-26T10:09:00Z");
        tallied();
        assertThat(types.readKeyValuesToMap()).containsOnlyKeys("2026-11-26T10:00:00Z|device_status");
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void countsDeniedRequestsPerTierAndActionInTheHourOfTheMessage() {
        request("basic", RequestType.of("device_relocation"), false, "2026-11-26T10:05:00Z");
        request("basic", RequestType.of("device_relocation"), false, "2026-11-26T10:59:59.999Z");
        request("basic", RequestType.of("play_music"), false, "2026-11-26T10:10:00Z");
        request("premium", RequestType.of("device_relocation"), true, "2026-11-26T10:11:00Z");
        request("premium", RequestType.of("multi_room_setup"), false, "2026-11-26T10:12:00Z");
        request("basic", RequestType.of("device_relocation"), false, "2026-11-26T11:00:00Z"); // the next hour

        tallied();
        Map<String, DeniedRequestCount> latest = denied.readKeyValuesToMap();
        assertThat(latest.get("2026-11-26T10:00:00Z|basic|device_relocation").count()).isEqualTo(2);
        assertThat(latest.get("2026-11-26T10:00:00Z|basic|music_services").count()).isEqualTo(1);
        assertThat(latest.get("2026-11-26T11:00:00Z|basic|device_relocation").count()).isEqualTo(1);
        assertThat(latest.get("2026-11-26T11:00:00Z|basic|device_relocation").windowEnd()).isEqualTo("2026-11-26T12:00:00Z");
        assertThat(latest).doesNotContainKey("2026-11-26T10:00:00Z|premium|device_relocation");
        for (String action : RequestType.of("multi_room_setup").requiredActions()) {
            assertThat(latest.get("2026-11-26T10:00:00Z|premium|" + action).count()).isEqualTo(1);
        }
    }

    @Test
    void countsRequestsPerTypeIgnoringBotMessagesAndReplays() {
        request("basic", RequestType.of("device_status"), true, "2026-11-26T10:05:00Z");
        request("basic", null, null, "2026-11-26T10:06:00Z");
        history.pipeInput("conv", new HistoryMessage("conv", "2026-11-26T10:05:00.000001Z", HistoryMessage.BOT, "It is online.",
                RequestType.of("device_status"), List.of("status_check"), true, "m-r", "m", "basic"));
        RecordHeaders replay = new RecordHeaders();
        replay.add(Topics.REPLAY_HEADER, "replay-1".getBytes());
        history.pipeInput(new TestRecord<>("conv", message("basic", RequestType.of("device_status"), true, "2026-11-26T10:07:00Z"), replay));

        tallied();
        Map<String, RequestTypeCount> latest = types.readKeyValuesToMap();
        assertThat(latest.get("2026-11-26T10:00:00Z|device_status").count()).isEqualTo(1);
        assertThat(latest.get("2026-11-26T10:00:00Z|" + RequestTypeCount.UNRECOGNIZED).count()).isEqualTo(1);
        assertThat(latest).hasSize(2);
    }

    @Test
    void everyCountUpdateIsACloudEvent() {
        request("basic", RequestType.of("play_music"), false, "2026-11-26T10:05:00Z");
        tallied();
        var record = denied.readRecord();
        assertThat(DeadLetter.header(record.headers(), CloudEvents.ID)).isEqualTo("2026-11-26T10:00:00Z|basic|music_services#1");
        assertThat(DeadLetter.header(record.headers(), CloudEvents.TYPE)).isEqualTo("dev.servicebot.analytics.denied-requests.v1");
        assertThat(DeadLetter.header(record.headers(), CloudEvents.SOURCE)).startsWith("/servicebot/analytics/");
        assertThat(record.headers().headers(CloudEvents.ID)).hasSize(1);
    }

    @Test
    void talliesOfSuccessiveSecondsAddUp() {
        request("premium", RequestType.of("custom_routine"), false, "2026-11-26T10:05:00Z");
        tallied();
        request("premium", RequestType.of("custom_routine"), false, "2026-11-26T10:06:00Z");
        request("premium", RequestType.of("custom_routine"), false, "2026-11-26T10:07:00Z");
        assertThat(denied.readKeyValuesToMap().get("2026-11-26T10:00:00Z|premium|custom_actions").count()).isEqualTo(1);
        tallied();
        assertThat(denied.readKeyValuesToMap().get("2026-11-26T10:00:00Z|premium|custom_actions").count()).isEqualTo(3);
    }

    /** A second of wall-clock time: each task sends its tallies on. */
    private void tallied() {
        driver.advanceWallClockTime(java.time.Duration.ofSeconds(1));
    }

    private void request(String level, RequestType type, Boolean allowed, String at) {
        history.pipeInput("conv-" + level, message(level, type, allowed, at));
    }

    private HistoryMessage message(String level, RequestType type, Boolean allowed, String at) {
        String id = "m-" + (++sequence);
        return new HistoryMessage("conv-" + level, at, "cust-" + level, "a request", type,
                type == null ? null : type.requiredActions(), allowed, id, null, level);
    }
}
