package dev.servicebot.processor.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicebot.topics.CloudEvents;
import dev.servicebot.topics.DeadLetter;
import dev.servicebot.topics.Topics;
import dev.servicebot.topics.model.DeniedRequestCount;
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
