package dev.servicebot.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.servicebot.topics.Deployment;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The settings a gateway refuses to start with: dev mode off loopback, and outside dev mode, secrets anyone can read. */
class GatewayConfigTest {
    private static final String OWN_SECRET = "a".repeat(20) + "-own-secret-0123456789";

    private static GatewayConfig config(Map<String, String> settings) {
        return GatewayConfig.fromEnvironment(new HashMap<>(settings));
    }

    private static Map<String, String> production(String jwtSecret, String internalSecret) {
        return Map.of("SERVICEBOT_JWT_SECRET", jwtSecret, "SERVICEBOT_INTERNAL_SECRET", internalSecret,
                "SERVICEBOT_JWT_ISSUER", "https://id.example", "SERVICEBOT_JWT_AUDIENCE", "servicebot");
    }

    @Test
    void outsideDevModeTokensMustNameTheirIssuerAndAudience() {
        assertThatThrownBy(() -> config(Map.of("SERVICEBOT_JWT_SECRET", OWN_SECRET, "SERVICEBOT_INTERNAL_SECRET", OWN_SECRET)).validated())
                .hasMessageContaining("SERVICEBOT_JWT_ISSUER and SERVICEBOT_JWT_AUDIENCE are required");
        assertThat(config(Map.of("SERVICEBOT_DEV_MODE", "true")).tokenRules())
                .isEqualTo(new GatewayConfig.TokenRules(GatewayConfig.DEV_ISSUER, GatewayConfig.DEV_AUDIENCE, java.time.Duration.ofHours(24)));
    }

    @Test
    void outsideDevModeEverySecretThisRepositoryPublishedIsRefused() {
        assertThat(Deployment.PUBLISHED_SECRETS).contains(GatewayConfig.DEV_SECRET, Deployment.DEV_INTERNAL_SECRET);
        for (String published : Deployment.PUBLISHED_SECRETS) {
            if (published.length() >= 32) { // shorter ones are refused as a JWT secret by length already
                assertThatThrownBy(() -> config(production(published, OWN_SECRET)).validated()).as(published)
                        .hasMessageContaining("SERVICEBOT_JWT_SECRET is a secret published in this repository");
            }
            assertThatThrownBy(() -> config(production(OWN_SECRET, published)).validated()).as(published)
                    .hasMessageContaining("SERVICEBOT_INTERNAL_SECRET is a secret published in this repository");
        }
    }

    @Test
    void theGatewayDoesNotStartWithAPublishedSecretOutsideDevMode() {
        // Refused before it binds a port or builds a client.
        assertThatThrownBy(() -> GatewayServer.start(config(production(GatewayConfig.DEV_SECRET, OWN_SECRET)), (DynamoDbClient) null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("published");
    }

    @Test
    void outsideDevModeTheInternalSecretHasAtLeast32Characters() {
        assertThatThrownBy(() -> config(production(OWN_SECRET, "s3cret")).validated()).hasMessageContaining("at least 32 characters");
        assertThatThrownBy(() -> config(production(OWN_SECRET, "x".repeat(31))).validated()).hasMessageContaining("at least 32 characters");
        assertThatCode(() -> config(production(OWN_SECRET, "x".repeat(32))).validated()).doesNotThrowAnyException();
    }

    @Test
    void devModeBindsOnlyToLoopbackUnlessAContainerSaysItIsPublishedOnLoopback() {
        for (String host : new String[] {"0.0.0.0", "192.168.1.20", "::", "gateway.example.com"}) {
            assertThatThrownBy(() -> config(Map.of("SERVICEBOT_DEV_MODE", "true", "SERVICEBOT_GATEWAY_HOST", host)).validated()).as(host)
                    .hasMessageContaining("binds only to a loopback address");
        }
        // The internal port too: in dev mode its secret is the published dev default.
        assertThatThrownBy(() -> config(Map.of("SERVICEBOT_DEV_MODE", "true", "SERVICEBOT_GATEWAY_INTERNAL_HOST", "0.0.0.0")).validated())
                .hasMessageContaining("binds only to a loopback address");
        for (String host : new String[] {"127.0.0.1", "localhost", "::1"}) {
            assertThatCode(() -> config(Map.of("SERVICEBOT_DEV_MODE", "true", "SERVICEBOT_GATEWAY_HOST", host)).validated()).as(host)
                    .doesNotThrowAnyException();
        }
        assertThatCode(() -> config(Map.of("SERVICEBOT_DEV_MODE", "true", "SERVICEBOT_GATEWAY_HOST", "0.0.0.0",
                "SERVICEBOT_DEV_MODE_ANY_BIND", "true")).validated()).doesNotThrowAnyException();
    }

    @Test
    void blankSettingsAreUnset() {
        // compose passes an unset ${VAR:-} as an empty string: that is no secret, not an empty one.
        assertThatThrownBy(() -> config(Map.of("SERVICEBOT_JWT_SECRET", "", "SERVICEBOT_INTERNAL_SECRET", OWN_SECRET)).validated())
                .hasMessageContaining("no token key");
        assertThat(config(Map.of("SERVICEBOT_DEV_MODE", "true", "SERVICEBOT_JWT_SECRET", "", "SERVICEBOT_INTERNAL_SECRET", "")).jwtSecret())
                .isEqualTo(GatewayConfig.DEV_SECRET);
        assertThat(config(Map.of("SERVICEBOT_GATEWAY_HOST", "10.0.0.5")).internalHost()).isEqualTo("10.0.0.5");
        assertThat(config(Map.of("SERVICEBOT_GATEWAY_HOST", "10.0.0.5", "SERVICEBOT_GATEWAY_INTERNAL_HOST", "127.0.0.1")).deliveryUrl())
                .isEqualTo("http://127.0.0.1:7071");
    }
}
