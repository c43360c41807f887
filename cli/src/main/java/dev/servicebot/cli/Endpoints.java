package dev.servicebot.cli;

import dev.servicebot.topics.KafkaAccess;
import dev.servicebot.topics.Deployment;
import dev.servicebot.topics.tables.DynamoClients;
import dev.servicebot.topics.tables.TableNames;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Where the external Kafka and DynamoDB are: the options every non-`up` command shares. */
final class Endpoints {
    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            defaultValue = "${env:SERVICEBOT_KAFKA_BOOTSTRAP:-" + Deployment.DEFAULT_KAFKA + "}",
            description = "Kafka bootstrap servers (env SERVICEBOT_KAFKA_BOOTSTRAP, default ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--dynamo-endpoint", paramLabel = "URL|aws",
            defaultValue = "${env:SERVICEBOT_DYNAMO_ENDPOINT:-" + Deployment.DEFAULT_DYNAMO + "}",
            description = "DynamoDB API endpoint, or 'aws' for real AWS with the SDK's standard credential and region chain "
                    + "(env SERVICEBOT_DYNAMO_ENDPOINT, default ${DEFAULT-VALUE}).")
    String dynamoEndpoint;

    @Option(names = "--env", paramLabel = "NAME", defaultValue = "${env:SERVICEBOT_ENV:-dev}",
            description = "Environment: tables are named {env}-customers etc. (env SERVICEBOT_ENV, default ${DEFAULT-VALUE}).")
    String environment;

    Admin admin() {
        // An unreachable broker should be a clear error within seconds, not a minute of silence.
        return Admin.create(KafkaAccess.clientConfig(bootstrapServers, Map.of(
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000)));
    }

    /** A durable producer (acks=all, idempotent) that fails within seconds, not a minute, when Kafka is away. */
    KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(KafkaAccess.clientConfig(bootstrapServers, Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000)), new StringSerializer(), new ByteArraySerializer());
    }

    DynamoDbClient dynamo() {
        return DynamoClients.forEndpoint(dynamoEndpoint);
    }

    TableNames tables() {
        return new TableNames(environment);
    }
}
