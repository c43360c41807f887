package dev.servicebot.cli;

import dev.servicebot.topics.SampleData;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@Command(name = "seed", mixinStandardHelpOptions = true,
        description = "Load the sample tiers (basic, premium, enterprise) and customers (cust_001..cust_003): "
                + "tiers onto the service-levels topic, customers as upsert commands for the processor, both also into the tables. "
                + "Overwrites those customers as the sample has them.")
final class SeedCommand implements Callable<Integer> {
    @Mixin
    Endpoints endpoints;

    @Override
    public Integer call() {
        try (var producer = endpoints.producer();
             DynamoDbClient dynamo = endpoints.dynamo()) {
            SampleData.publish(producer);
            SampleData.write(dynamo, endpoints.tables());
        }
        System.out.println("seeded " + SampleData.SERVICE_LEVELS.size() + " service levels and " + SampleData.CUSTOMERS.size() + " customers");
        return 0;
    }
}
