package dev.servicebot.gateway;

import dev.servicebot.topics.Deployment;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything the gateway is told from outside, with the documented defaults
 * (environment variables; see the configuration table in the README).
 *
 * @param jwtSecret      HS256 secret; the dev default is only acceptable in dev mode
 * @param jwksUrl        RS256 keys by URL (production), or null
 * @param jwtPublicKey   RS256 public key in PEM (production), or null
 * @param deliveryUrl    the base address the notifier uses to reach this gateway's internal port
 * @param internalHost   the address the internal (delivery) port binds to; the public host unless set
 * @param devModeAnyBind dev mode on a non-loopback address: only in a container whose ports the host
 *                       publishes on its loopback alone (docker-compose.dev.yml)
 */
public record GatewayConfig(
        String host,
        String internalHost,
        int publicPort,
        int internalPort,
        String gatewayId,
        String deliveryUrl,
        String bootstrapServers,
        String dynamoEndpoint,
        String environment,
        boolean devMode,
        boolean devModeAnyBind,
        String jwtSecret,
        String jwksUrl,
        String jwtPublicKey,
        TokenRules tokenRules,
        String internalSecret,
        int maxTextLength,
        CustomerLimits.Settings limits,
        HttpRules http,
        Duration idleTimeout,
        Duration ackTimeout) {

    public static final String DEV_SECRET = Deployment.DEV_JWT_SECRET;
    /** What dev tokens say they are from and for. */
    public static final String DEV_ISSUER = "servicebot-dev";
    public static final String DEV_AUDIENCE = "servicebot";

    /**
     * What a token must say besides its signature: who issued it and for whom (both required outside dev
     * mode), and at most how long it may live from its {@code iat} to its {@code exp}.
     */
    public record TokenRules(String issuer, String audience, Duration maxLifetime) {
        static TokenRules fromEnvironment(Map<String, String> env, boolean dev) {
            return new TokenRules(Deployment.setting(env, "SERVICEBOT_JWT_ISSUER", dev ? DEV_ISSUER : null),
                    Deployment.setting(env, "SERVICEBOT_JWT_AUDIENCE", dev ? DEV_AUDIENCE : null),
                    Duration.ofHours(Long.parseLong(Deployment.setting(env, "SERVICEBOT_JWT_MAX_LIFETIME_HOURS", "24"))));
        }
    }

    /**
     * The HTTP rules of both ports: how long a request may take to arrive from its first byte, how long an
     * HTTP connection may sit idle, and which other web origins may open sockets (comma-separated).
     */
    public record HttpRules(Duration requestTimeout, Duration idleTimeout, List<String> allowedOrigins) {
        static HttpRules fromEnvironment(Map<String, String> env) {
            return new HttpRules(Duration.ofMillis(Long.parseLong(Deployment.setting(env, "SERVICEBOT_HTTP_REQUEST_TIMEOUT_MS", "10000"))),
                    Duration.ofMillis(Long.parseLong(Deployment.setting(env, "SERVICEBOT_HTTP_IDLE_TIMEOUT_MS", "30000"))),
                    Arrays.stream(Deployment.setting(env, "SERVICEBOT_ALLOWED_ORIGINS", "").split(","))
                            .map(String::trim).filter(o -> !o.isEmpty()).toList());
        }
    }

    public static GatewayConfig fromEnvironment(Map<String, String> env) {
        Deployment deployment = Deployment.fromEnvironment(env);
        String host = env.getOrDefault("SERVICEBOT_GATEWAY_HOST", "127.0.0.1");
        String internalHost = Deployment.setting(env, "SERVICEBOT_GATEWAY_INTERNAL_HOST", host);
        int internalPort = Integer.parseInt(env.getOrDefault("SERVICEBOT_GATEWAY_INTERNAL_PORT", "7071"));
        boolean dev = deployment.devMode();
        return new GatewayConfig(
                host,
                internalHost,
                Integer.parseInt(env.getOrDefault("SERVICEBOT_GATEWAY_PORT", "7070")),
                internalPort,
                env.getOrDefault("SERVICEBOT_GATEWAY_ID", "gw-" + UUID.randomUUID().toString().substring(0, 8)),
                env.getOrDefault("SERVICEBOT_GATEWAY_DELIVERY_URL", "http://" + internalHost + ":" + internalPort),
                deployment.bootstrapServers(),
                deployment.dynamoEndpoint(),
                deployment.environment(),
                dev,
                Boolean.parseBoolean(env.getOrDefault("SERVICEBOT_DEV_MODE_ANY_BIND", "false")),
                Deployment.setting(env, "SERVICEBOT_JWT_SECRET", dev ? DEV_SECRET : null),
                Deployment.setting(env, "SERVICEBOT_JWT_JWKS_URL", null),
                Deployment.setting(env, "SERVICEBOT_JWT_PUBLIC_KEY", null),
                TokenRules.fromEnvironment(env, dev),
                deployment.internalSecret(),
                Integer.parseInt(env.getOrDefault("SERVICEBOT_MAX_TEXT_LENGTH", "4000")),
                CustomerLimits.Settings.fromEnvironment(env),
                HttpRules.fromEnvironment(env),
                Duration.ofSeconds(Long.parseLong(env.getOrDefault("SERVICEBOT_IDLE_TIMEOUT_SECONDS", "300"))),
                Duration.ofMillis(Long.parseLong(env.getOrDefault("SERVICEBOT_ACK_TIMEOUT_MS", "5000"))));
    }

    /** Refuses to start without what production needs: a way to check tokens and a delivery secret. */
    public GatewayConfig validated() {
        if (jwtSecret == null && jwksUrl == null && jwtPublicKey == null) {
            throw new IllegalStateException("no token key: set SERVICEBOT_JWT_SECRET, SERVICEBOT_JWT_JWKS_URL or SERVICEBOT_JWT_PUBLIC_KEY");
        }
        if (jwtSecret != null && jwtSecret.length() < 32) {
            throw new IllegalStateException("SERVICEBOT_JWT_SECRET must be at least 32 characters (256 bits) for HS256");
        }
        if (internalSecret == null || internalSecret.isBlank()) {
            throw new IllegalStateException("SERVICEBOT_INTERNAL_SECRET is required: the notifier's delivery calls are authenticated with it");
        }
        if (devMode) {
            // Dev mode hands a token for any customer to whoever can reach POST /dev/token.
            if (!devModeAnyBind && !(loopback(host) && loopback(internalHost))) {
                throw new IllegalStateException("dev mode gives anyone who can reach this gateway a token for any customer, so it binds only to"
                        + " a loopback address (SERVICEBOT_GATEWAY_HOST and SERVICEBOT_GATEWAY_INTERNAL_HOST are " + host + ", " + internalHost
                        + "); in a container published on the host's loopback only, set SERVICEBOT_DEV_MODE_ANY_BIND=true (docker-compose.dev.yml)");
            }
            return this;
        }
        if (tokenRules.issuer() == null || tokenRules.audience() == null) {
            throw new IllegalStateException("SERVICEBOT_JWT_ISSUER and SERVICEBOT_JWT_AUDIENCE are required outside dev mode:"
                    + " a token another service of your identity provider was issued for must not open a socket here");
        }
        if (jwtSecret != null && Deployment.PUBLISHED_SECRETS.contains(jwtSecret)) {
            throw new IllegalStateException("SERVICEBOT_JWT_SECRET is a secret published in this repository: outside dev mode, set your own");
        }
        if (Deployment.PUBLISHED_SECRETS.contains(internalSecret)) {
            throw new IllegalStateException("SERVICEBOT_INTERNAL_SECRET is a secret published in this repository: outside dev mode, set your own");
        }
        if (internalSecret.length() < 32) {
            throw new IllegalStateException("SERVICEBOT_INTERNAL_SECRET must be at least 32 characters outside dev mode");
        }
        return this;
    }

    private static boolean loopback(String address) {
        return address.equals("localhost") || address.equals("127.0.0.1") || address.equals("::1") || address.startsWith("127.");
    }

    public GatewayConfig withPorts(int publicPort, int internalPort) {
        String delivery = deliveryUrl.endsWith(":" + this.internalPort) ? "http://" + internalHost + ":" + internalPort : deliveryUrl;
        return new GatewayConfig(host, internalHost, publicPort, internalPort, gatewayId, delivery, bootstrapServers, dynamoEndpoint, environment,
                devMode, devModeAnyBind, jwtSecret, jwksUrl, jwtPublicKey, tokenRules, internalSecret, maxTextLength, limits, http, idleTimeout,
                ackTimeout);
    }
}
