package dev.servicebot.topics;

import dev.servicebot.topics.model.Customer;
import dev.servicebot.topics.model.CustomerCommand;
import dev.servicebot.topics.model.Device;
import dev.servicebot.topics.model.ServiceLevel;
import dev.servicebot.topics.tables.Items;
import dev.servicebot.topics.tables.TableNames;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.Producer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The seed system's three tiers and three customers. They enter the system where the architecture
 * says such data flows: tiers on the service-levels topic, customers as upsert commands for the
 * processor (the customers' only writer). They are also written straight to the tables, so a
 * stack without the processor and sink still has them.
 */
public final class SampleData {
    public static final List<ServiceLevel> SERVICE_LEVELS = List.of(
            new ServiceLevel("basic", List.of("status_check", "volume_control", "device_info"), 1, "standard"),
            new ServiceLevel("premium", List.of("status_check", "volume_control", "device_info",
                    "device_relocation", "music_services"), 3, "priority"),
            new ServiceLevel("enterprise", List.of("status_check", "volume_control", "device_info",
                    "device_relocation", "music_services", "multi_room_audio", "custom_actions"), 10, "dedicated"));

    public static final List<Customer> CUSTOMERS = List.of(
            new Customer("cust_001", "Jane Smith", "basic", List.of(
                    new Device("dev_001", "SmartSpeaker", "living_room"))),
            new Customer("cust_002", "John Doe", "premium", List.of(
                    new Device("dev_002", "SmartSpeaker", "bedroom"),
                    new Device("dev_003", "SmartDisplay", "kitchen"))),
            new Customer("cust_003", "Alice Johnson", "enterprise", List.of(
                    new Device("dev_004", "SmartSpeaker", "office"),
                    new Device("dev_005", "SmartDisplay", "conference_room"),
                    new Device("dev_006", "SmartHub", "reception"))));

    private static final String COMPONENT = "servicebot-seed";

    private SampleData() {
    }

    /** Publishes the tiers and customer upserts; waits until Kafka has every record. */
    public static void publish(Producer<String, byte[]> producer) {
        String now = Instant.now().toString();
        try {
            for (ServiceLevel level : SERVICE_LEVELS) {
                producer.send(CloudEvents.record(Topics.SERVICE_LEVELS, COMPONENT, "seed-" + level.level(), Instant.now(),
                        level.level(), level)).get();
            }
            for (Customer customer : CUSTOMERS) {
                CustomerCommand upsert = CustomerCommand.upsert("seed-" + customer.id(), customer, now);
                producer.send(CloudEvents.record(Topics.CUSTOMER_COMMANDS, COMPONENT, upsert.commandId(), Instant.now(),
                        customer.id(), upsert)).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing sample data", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot publish sample data: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Writes the tiers and customers to their tables (PutItem overwrites: safe to repeat). */
    public static void write(DynamoDbClient dynamo, TableNames tables) {
        for (ServiceLevel level : SERVICE_LEVELS) {
            dynamo.putItem(b -> b.tableName(tables.serviceLevels()).item(Items.of(level)));
        }
        for (Customer customer : CUSTOMERS) {
            dynamo.putItem(b -> b.tableName(tables.customers()).item(Items.of(customer)));
        }
    }
}
