package dev.servicebot.topics;

import java.util.Map;

/**
 * The settings every service shares, read from the environment with their defaults in this one
 * place (the README's configuration table): where Kafka and DynamoDB are, which environment's tables
 * to use, dev mode, the secret the notifier and gateways share, this instance's stable name and the
 * replication factor. Each service's own {@code Config.fromEnvironment} starts from it.
 *
 * @param internalSecret the gateway/notifier secret; the dev default only in dev mode, else null when unset
 * @param instanceId     a name that stays the same across this instance's restarts (static group membership), or null
 */
public record Deployment(String bootstrapServers, String dynamoEndpoint, String environment, boolean devMode, String internalSecret,
                         String instanceId, int replicationFactor) {
    public static final String DEFAULT_KAFKA = "127.0.0.1:9092";
    public static final String DEFAULT_DYNAMO = "http://127.0.0.1:8000";
    public static final String DEFAULT_ENVIRONMENT = "dev";
    /** Accepted only in dev mode. */
    public static final String DEV_INTERNAL_SECRET = "servicebot-dev-internal";
    /** The gateway's HS256 secret in dev mode; accepted only there. */
    public static final String DEV_JWT_SECRET = "servicebot-dev-secret-change-me-0123456789";
    /**
     * Secrets this repository has published (in its code, compose file or history): anyone can sign or
     * deliver with them, so a service outside dev mode refuses to start with one.
     */
    public static final java.util.Set<String> PUBLISHED_SECRETS = java.util.Set.of(DEV_INTERNAL_SECRET,
            DEV_JWT_SECRET, "change-me-internal-secret", "change-me-to-a-secret-of-at-least-32-chars");

    public static Deployment fromEnvironment(Map<String, String> env) {
        boolean dev = Boolean.parseBoolean(env.getOrDefault("SERVICEBOT_DEV_MODE", "false"));
        String instance = env.get(GroupMembership.INSTANCE_ID);
        return new Deployment(
                env.getOrDefault("SERVICEBOT_KAFKA_BOOTSTRAP", DEFAULT_KAFKA),
                env.getOrDefault("SERVICEBOT_DYNAMO_ENDPOINT", DEFAULT_DYNAMO),
                env.getOrDefault("SERVICEBOT_ENV", DEFAULT_ENVIRONMENT),
                dev,
                setting(env, "SERVICEBOT_INTERNAL_SECRET", dev ? DEV_INTERNAL_SECRET : null),
                instance == null || instance.isBlank() ? null : instance,
                Integer.parseInt(env.getOrDefault("SERVICEBOT_REPLICATION_FACTOR", "1")));
    }

    /** A setting, or its default when unset or blank (compose passes an unset {@code ${VAR:-}} as ""). */
    public static String setting(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
