package dev.servicebot.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicebot.topics.SampleData;
import dev.servicebot.topics.Topics;
import dev.servicebot.topics.model.CustomerCommand;
import dev.servicebot.topics.model.ServiceLevel;
import dev.servicebot.topics.tables.Items;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A new stack carries the seed's tiers and customers, on the topics and in the tables. */
@ExtendWith(DevStackExtension.class)
class SampleDataTest {

    @Test
    void tiersAreOnTheServiceLevelsTopic(DevStack stack) {
        Map<String, ServiceLevel> levels = readAll(stack, Topics.SERVICE_LEVELS.name(), Topics.SERVICE_LEVELS.valueSerde().deserializer(), 3);
        assertThat(levels.keySet()).containsExactlyInAnyOrder("basic", "premium", "enterprise");
        assertThat(levels.get("basic").maxDevices()).isEqualTo(1);
        assertThat(levels.get("premium").allows("device_relocation")).isTrue();
        assertThat(levels.get("premium").allows("multi_room_audio")).isFalse();
        assertThat(levels.get("enterprise").allowedActions()).hasSize(7);
        assertThat(levels.get("enterprise").supportPriority()).isEqualTo("dedicated");
    }

    @Test
    void customersAreUpsertCommandsForTheProcessor(DevStack stack) {
        Map<String, CustomerCommand> commands = readAll(stack, Topics.CUSTOMER_COMMANDS.name(), Topics.CUSTOMER_COMMANDS.valueSerde().deserializer(), 3);
        assertThat(commands.keySet()).contains("cust_001", "cust_002", "cust_003");
        assertThat(commands.get("cust_002").kind()).isEqualTo(CustomerCommand.Kind.UPSERT);
        assertThat(commands.get("cust_002").customer().devices()).extracting(d -> d.id() + "@" + d.location())
                .containsExactly("dev_002@bedroom", "dev_003@kitchen");
    }

    @Test
    void customersAndTiersAreInTheTables(DevStack stack) {
        var jane = Items.customer(stack.dynamo().getItem(b -> b.tableName(stack.tables().customers())
                .key(Items.key("id", "cust_003")).consistentRead(true)).item());
        assertThat(jane.name()).isEqualTo("Alice Johnson");
        assertThat(jane.devices()).hasSize(3);
        var levels = stack.dynamo().scan(b -> b.tableName(stack.tables().serviceLevels())).items();
        assertThat(levels).extracting(Items::serviceLevel).containsExactlyInAnyOrderElementsOf(SampleData.SERVICE_LEVELS);
        for (var customer : SampleData.CUSTOMERS) {
            ServiceLevel tier = SampleData.SERVICE_LEVELS.stream().filter(l -> l.level().equals(customer.serviceLevel())).findFirst().orElseThrow();
            assertThat(tier.violationsFor(customer)).as(customer.id()).isEmpty();
        }
    }

    private static <V> Map<String, V> readAll(DevStack stack, String topic, Deserializer<V> values, int atLeast) {
        Map<String, V> latest = new HashMap<>();
        TopicReader.readUntil(stack.bootstrapServers(), topic, new StringDeserializer(), values,
                read -> read.stream().map(r -> r.key()).distinct().count() >= atLeast, Duration.ofSeconds(15))
                .forEach(r -> latest.put(r.key(), r.value()));
        return latest;
    }
}
