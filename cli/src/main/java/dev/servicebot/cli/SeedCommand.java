package dev.servicebot.cli;

import dev.servicebot.devstack.DevStack;
import dev.servicebot.devstack.SampleData;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
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
        var config = DevStack.producerConfig(endpoints.bootstrapServers);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000); // an unreachable broker is an error, not a hang
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
             DynamoDbClient dynamo = endpoints.dynamo()) {
            SampleData.publish(producer);
            SampleData.write(dynamo, endpoints.tables());
        }
        System.out.println("seeded " + SampleData.SERVICE_LEVELS.size() + " service levels and " + SampleData.CUSTOMERS.size() + " customers");
        return 0;
    }
}
