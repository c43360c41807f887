package dev.servicebot.topics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Makes the broker match the contract: creates missing topics with their configs and reports
 * (and, when asked, fixes) configs that drifted. Running it twice changes nothing the second time.
 * Partition counts are reported but never changed: adding partitions moves keys between them.
 */
public final class TopicsAdmin {
    private final Admin admin;
    private final short replicationFactor;

    public TopicsAdmin(Admin admin, short replicationFactor) {
        this.admin = admin;
        this.replicationFactor = replicationFactor;
    }

    /** One difference between the contract and the broker. */
    public record Drift(String topic, String setting, String expected, String actual, boolean fixable) {
        @Override
        public String toString() {
            return topic + ": " + setting + " is " + actual + ", expected " + expected;
        }
    }

    /** What one run did and found. */
    public record Report(List<String> created, List<Drift> drift, List<Drift> fixed) {
        public boolean changedAnything() {
            return !created.isEmpty() || !fixed.isEmpty();
        }
    }

    public Report ensure(Collection<Topic<?, ?>> topics, boolean fixDrift) {
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<String> created = create(topics.stream().filter(t -> !existing.contains(t.name())).toList());
            List<Drift> drift = drift(topics.stream().filter(t -> existing.contains(t.name())).toList());
            List<Drift> fixed = fixDrift ? fix(drift) : List.of();
            List<Drift> remaining = drift.stream().filter(d -> !fixed.contains(d)).toList();
            return new Report(created, remaining, fixed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot check topics: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Reads what the broker has, for `topics describe`. */
    public Map<String, TopicDescription> describe(Collection<Topic<?, ?>> topics) throws ExecutionException, InterruptedException {
        Set<String> existing = admin.listTopics().names().get();
        List<String> names = topics.stream().map(Topic::name).filter(existing::contains).toList();
        return admin.describeTopics(names).allTopicNames().get();
    }

    public Map<String, Config> configs(Collection<String> topicNames) throws ExecutionException, InterruptedException {
        List<ConfigResource> resources = topicNames.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
        return admin.describeConfigs(resources).all().get().entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().name(), Map.Entry::getValue));
    }

    private List<String> create(List<Topic<?, ?>> missing) throws InterruptedException, ExecutionException {
        List<String> created = new ArrayList<>();
        for (Topic<?, ?> topic : missing) {
            NewTopic newTopic = new NewTopic(topic.name(), topic.partitions(), replicationFactor).configs(topic.configs());
            try {
                admin.createTopics(List.of(newTopic)).all().get();
                created.add(topic.name());
            } catch (ExecutionException e) {
                // Another instance created it between our list and our create: that is fine.
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        return created;
    }

    private List<Drift> drift(List<Topic<?, ?>> present) throws ExecutionException, InterruptedException {
        List<Drift> drift = new ArrayList<>();
        if (present.isEmpty()) {
            return drift;
        }
        Map<String, TopicDescription> descriptions = admin.describeTopics(present.stream().map(Topic::name).toList()).allTopicNames().get();
        Map<String, Config> configs = configs(present.stream().map(Topic::name).toList());
        for (Topic<?, ?> topic : present) {
            int partitions = descriptions.get(topic.name()).partitions().size();
            if (partitions != topic.partitions()) {
                drift.add(new Drift(topic.name(), "partitions", Integer.toString(topic.partitions()), Integer.toString(partitions), false));
            }
            Config config = configs.get(topic.name());
            topic.configs().forEach((key, expected) -> {
                ConfigEntry entry = config.get(key);
                String actual = entry == null ? null : entry.value();
                if (!expected.equals(actual)) {
                    drift.add(new Drift(topic.name(), key, expected, actual, true));
                }
            });
        }
        return drift;
    }

    private List<Drift> fix(List<Drift> drift) throws ExecutionException, InterruptedException {
        Map<ConfigResource, Collection<AlterConfigOp>> ops = new HashMap<>();
        List<Drift> fixed = new ArrayList<>();
        for (Drift d : drift) {
            if (!d.fixable()) {
                continue;
            }
            ops.computeIfAbsent(new ConfigResource(ConfigResource.Type.TOPIC, d.topic()), r -> new ArrayList<>())
                    .add(new AlterConfigOp(new ConfigEntry(d.setting(), d.expected()), AlterConfigOp.OpType.SET));
            fixed.add(d);
        }
        if (!ops.isEmpty()) {
            admin.incrementalAlterConfigs(ops).all().get();
        }
        return fixed;
    }
}
