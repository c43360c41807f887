package dev.servicebot.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class TopicsContractTest {

    @Test
    void namesAreUniqueAndVersioned() {
        List<String> names = Topics.ALL.stream().map(Topic::name).toList();
        assertThat(new HashSet<>(names)).hasSameSizeAs(names);
        assertThat(names).allMatch(n -> n.startsWith("servicebot.") && n.matches(".*\\.v\\d+$"));
        assertThat(Topics.byName("servicebot.customers.v1")).contains(Topics.CUSTOMERS);
    }

    @Test
    void whatTheProcessorJoinsByCustomerIsCoPartitioned() {
        assertThat(List.of(Topics.INBOUND, Topics.CUSTOMERS, Topics.CUSTOMER_COMMANDS, Topics.REPLIES))
                .allMatch(t -> t.partitions() == Topics.CUSTOMER_PARTITIONS && t.keyDescription().equals("customerId"));
    }

    @Test
    void tablesOfStateAreCompactedAndLogsAreKept() {
        assertThat(Topics.CUSTOMERS.configs()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "compact")
                .doesNotContainKey(TopicConfig.RETENTION_MS_CONFIG);
        assertThat(Topics.SERVICE_LEVELS.configs()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "compact");
        assertThat(Topics.CONNECTIONS.configs()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "compact");
        // The replay source and the history are kept forever: tables are rebuilt from them.
        assertThat(Topics.INBOUND.configs()).containsEntry(TopicConfig.RETENTION_MS_CONFIG, "-1");
        assertThat(Topics.MESSAGES.configs()).containsEntry(TopicConfig.RETENTION_MS_CONFIG, "-1");
        assertThat(Topics.REPLIES.configs()).containsEntry(TopicConfig.RETENTION_MS_CONFIG, Long.toString(7L * 24 * 3600 * 1000));
    }
}
