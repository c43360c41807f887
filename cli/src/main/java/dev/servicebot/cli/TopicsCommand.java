package dev.servicebot.cli;

import dev.servicebot.topics.Topic;
import dev.servicebot.topics.Topics;
import dev.servicebot.topics.TopicsAdmin;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.TopicConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "Create the topics of the contract, or describe them as the broker has them.")
final class TopicsCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create missing topics with their configs and report config drift (--fix repairs it). Safe to run again.")
    int create(@Mixin Endpoints endpoints,
               @Option(names = "--replication-factor", defaultValue = "${env:SERVICEBOT_REPLICATION_FACTOR:-1}",
                       description = "Replication factor for new topics (env SERVICEBOT_REPLICATION_FACTOR, default ${DEFAULT-VALUE}).") short replicationFactor,
               @Option(names = "--fix", description = "Also change drifted topic configs back to the contract's.") boolean fix) {
        try (Admin admin = endpoints.admin()) {
            TopicsAdmin.Report report = new TopicsAdmin(admin, replicationFactor).ensure(Topics.ALL, fix);
            report.created().forEach(t -> System.out.println("created  " + t));
            report.fixed().forEach(d -> System.out.println("fixed    " + d));
            report.drift().forEach(d -> System.out.println("drift    " + d + (d.fixable() ? " (run with --fix)" : " (not changed automatically)")));
            System.out.println(Topics.ALL.size() + " topics checked: " + report.created().size() + " created, "
                    + report.fixed().size() + " fixed, " + report.drift().size() + " drifted");
            return report.drift().isEmpty() ? 0 : 3;
        }
    }

    @Command(name = "describe", mixinStandardHelpOptions = true,
            description = "Show each topic of the contract as the broker has it: partitions, cleanup policy, retention.")
    int describe(@Mixin Endpoints endpoints) throws Exception {
        try (Admin admin = endpoints.admin()) {
            TopicsAdmin topicsAdmin = new TopicsAdmin(admin, (short) 1);
            var descriptions = topicsAdmin.describe(Topics.ALL);
            var configs = topicsAdmin.configs(descriptions.keySet());
            System.out.printf("%-34s %10s %-8s %-14s %s%n", "TOPIC", "PARTITIONS", "CLEANUP", "RETENTION", "KEY");
            for (Topic<?, ?> topic : Topics.ALL) {
                var description = descriptions.get(topic.name());
                if (description == null) {
                    System.out.printf("%-34s %10s%n", topic.name(), "missing");
                    continue;
                }
                var config = configs.get(topic.name());
                System.out.printf("%-34s %10d %-8s %-14s %s%n", topic.name(), description.partitions().size(),
                        config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value(),
                        topic.cleanup() == Topic.Cleanup.COMPACT ? "-" : retention(config.get(TopicConfig.RETENTION_MS_CONFIG).value()),
                        topic.keyDescription());
            }
            return descriptions.size() == Topics.ALL.size() ? 0 : 3;
        }
    }

    private static String retention(String millis) {
        long ms = Long.parseLong(millis);
        return ms < 0 ? "forever" : (ms % 86_400_000 == 0 ? ms / 86_400_000 + " days" : ms + " ms");
    }
}
