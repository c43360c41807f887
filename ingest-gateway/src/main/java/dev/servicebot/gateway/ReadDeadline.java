package dev.servicebot.gateway;

import java.time.Duration;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;

/**
 * A person waits on every DynamoDB read of the gateway (an upgrade, a history page, a profile): when
 * DynamoDB is away, answer "unavailable, retry" within two seconds instead of after the SDK's whole
 * retry schedule for DynamoDB (8 attempts with backoff, up to ~6 s), which outlasts a client's
 * handshake timeout. Writes are not the gateway's: the sink keeps the full schedule.
 */
final class ReadDeadline {
    static final AwsRequestOverrideConfiguration PERSON_WAITING = AwsRequestOverrideConfiguration.builder()
            .apiCallTimeout(Duration.ofSeconds(2))
            .build();

    private ReadDeadline() {
    }
}
