package dev.servicebot.cli;

import dev.servicebot.topics.tables.TablesAdmin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@Command(name = "tables", mixinStandardHelpOptions = true, description = "Manage the DynamoDB tables of the data model.")
final class TablesCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create the four {env}-* tables of the data model where missing. Safe to run again.")
    int create(@Mixin Endpoints endpoints) {
        try (DynamoDbClient dynamo = endpoints.dynamo()) {
            TablesAdmin admin = new TablesAdmin(dynamo, endpoints.tables());
            var created = admin.ensure();
            for (String table : endpoints.tables().all()) {
                System.out.println((created.contains(table) ? "created  " : "exists   ") + table);
            }
            return 0;
        }
    }
}
