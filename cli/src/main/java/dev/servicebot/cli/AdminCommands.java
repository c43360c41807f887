package dev.servicebot.cli;

import dev.servicebot.topics.CloudEvents;
import dev.servicebot.topics.Json;
import dev.servicebot.topics.Topic;
import dev.servicebot.topics.Topics;
import dev.servicebot.topics.model.Customer;
import dev.servicebot.topics.model.CustomerCommand;
import dev.servicebot.topics.model.ServiceLevel;
import dev.servicebot.topics.tables.Items;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Admin tools. Changes go where the architecture says they flow: a customer as an upsert command
 * for the processor (the customers' only writer), a tier onto the service-levels topic. Reads come
 * from the tables the sink keeps. Invalid input is refused here, with the reasons, before it is sent.
 */
final class AdminCommands {
    private AdminCommands() {
    }

    @Command(name = "customers", mixinStandardHelpOptions = true, description = "Put, get and list customers.")
    static final class Customers {

        @Command(name = "put", mixinStandardHelpOptions = true,
                description = "Create or replace a customer from a JSON file (or - for standard input), e.g. "
                        + "{\"id\":\"cust_004\",\"name\":\"Bob\",\"service_level\":\"basic\",\"devices\":[{\"id\":\"dev_010\",\"type\":\"SmartSpeaker\",\"location\":\"kitchen\"}]}")
        int put(@Mixin Endpoints endpoints, @Parameters(paramLabel = "FILE", description = "customer JSON, or - for standard input") String file) {
            Customer customer = Json.parse(read(file), Customer.class);
            try (DynamoDbClient dynamo = endpoints.dynamo()) {
                ServiceLevel tier = tiers(dynamo, endpoints).stream().filter(t -> t.level().equals(customer.serviceLevel())).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("service level '" + customer.serviceLevel() + "' does not exist (known: "
                                + String.join(", ", tiers(dynamo, endpoints).stream().map(ServiceLevel::level).toList()) + ")"));
                List<String> problems = tier.violationsFor(customer);
                if (!problems.isEmpty()) {
                    throw new IllegalArgumentException(String.join("; ", problems));
                }
            }
            CustomerCommand upsert = CustomerCommand.upsert("cli-" + UUID.randomUUID(), customer, Instant.now().toString());
            send(endpoints, Topics.CUSTOMER_COMMANDS, upsert.commandId(), customer.id(), upsert);
            System.out.println("sent upsert of " + customer.id() + " (command " + upsert.commandId() + "); the processor applies it");
            return 0;
        }

        @Command(name = "get", mixinStandardHelpOptions = true, description = "Show one customer as the customers table has it.")
        int get(@Mixin Endpoints endpoints, @Parameters(paramLabel = "ID") String id) {
            try (DynamoDbClient dynamo = endpoints.dynamo()) {
                var item = dynamo.getItem(b -> b.tableName(endpoints.tables().customers()).key(Items.key("id", id)).consistentRead(true)).item();
                if (item == null || item.isEmpty()) {
                    System.err.println("no customer " + id);
                    return 3;
                }
                System.out.println(pretty(Items.customer(item)));
                return 0;
            }
        }

        @Command(name = "list", mixinStandardHelpOptions = true, description = "List every customer: id, tier, name, devices.")
        int list(@Mixin Endpoints endpoints) {
            try (DynamoDbClient dynamo = endpoints.dynamo()) {
                System.out.printf("%-16s %-12s %-24s %s%n", "ID", "TIER", "NAME", "DEVICES");
                dynamo.scanPaginator(b -> b.tableName(endpoints.tables().customers())).items().stream().map(Items::customer)
                        .sorted((a, b) -> a.id().compareTo(b.id()))
                        .forEach(c -> System.out.printf("%-16s %-12s %-24s %s%n", c.id(), c.serviceLevel(), c.name(),
                                String.join(", ", c.devices().stream().map(d -> d.id() + " " + d.type() + "@" + d.location()).toList())));
                return 0;
            }
        }
    }

    @Command(name = "service-levels", mixinStandardHelpOptions = true, description = "Put and list service levels (tiers).")
    static final class ServiceLevels {

        @Command(name = "put", mixinStandardHelpOptions = true,
                description = "Create or replace a tier from a JSON file (or -), e.g. "
                        + "{\"level\":\"gold\",\"allowed_actions\":[\"status_check\"],\"max_devices\":5,\"support_priority\":\"priority\"}")
        int put(@Mixin Endpoints endpoints, @Parameters(paramLabel = "FILE", description = "service level JSON, or - for standard input") String file) {
            ServiceLevel level = Json.parse(read(file), ServiceLevel.class);
            send(endpoints, Topics.SERVICE_LEVELS, "cli-" + UUID.randomUUID(), level.level(), level);
            System.out.println("sent service level " + level.level());
            return 0;
        }

        @Command(name = "list", mixinStandardHelpOptions = true, description = "List every tier: actions, device limit, support priority.")
        int list(@Mixin Endpoints endpoints) {
            try (DynamoDbClient dynamo = endpoints.dynamo()) {
                System.out.printf("%-12s %-12s %-10s %s%n", "LEVEL", "MAX DEVICES", "SUPPORT", "ALLOWED ACTIONS");
                tiers(dynamo, endpoints).stream().sorted((a, b) -> Integer.compare(a.allowedActions().size(), b.allowedActions().size()))
                        .forEach(t -> System.out.printf("%-12s %-12d %-10s %s%n", t.level(), t.maxDevices(), t.supportPriority(),
                                String.join(", ", t.allowedActions())));
                return 0;
            }
        }
    }

    private static List<ServiceLevel> tiers(DynamoDbClient dynamo, Endpoints endpoints) {
        return dynamo.scan(b -> b.tableName(endpoints.tables().serviceLevels()).consistentRead(true)).items().stream()
                .map(Items::serviceLevel).toList();
    }

    private static <V> void send(Endpoints endpoints, Topic<String, V> topic, String eventId, String key, V value) {
        try (var producer = endpoints.producer()) {
            producer.send(CloudEvents.record(topic, "cli", eventId, Instant.now(), key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka did not take the record: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static byte[] read(String file) {
        try {
            return file.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String pretty(Object value) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
