package dev.servicebot.topics.tables;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * DynamoDB clients for real AWS (standard credential and region chains) or for a local
 * DynamoDB-compatible endpoint such as dynalite (endpoint override, dummy credentials).
 */
public final class DynamoClients {
    private DynamoClients() {
    }

    /** Real AWS: credentials and region from the SDK's default chains. */
    public static DynamoDbClient aws() {
        return base()
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .region(new DefaultAwsRegionProviderChain().getRegion())
                .build();
    }

    /** A local endpoint. The SDK insists on credentials and a region even where they mean nothing. */
    public static DynamoDbClient local(URI endpoint) {
        return base()
                .endpointOverride(endpoint)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .region(Region.US_EAST_1)
                .build();
    }

    /** {@link #aws} for {@code aws} (or nothing), else {@link #local} at that endpoint. */
    public static DynamoDbClient forEndpoint(String endpoint) {
        return endpoint == null || endpoint.isBlank() || "aws".equals(endpoint) ? aws() : local(URI.create(endpoint));
    }

    private static DynamoDbClientBuilder base() {
        // The Apache client, set explicitly: the URL-connection client costs ~1.5 ms per call.
        return DynamoDbClient.builder()
                .httpClient(ApacheHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(10))
                        .maxConnections(64)
                        .build());
    }
}
