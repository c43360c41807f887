package dev.servicebot.notifier;

import dev.servicebot.topics.Json;
import dev.servicebot.topics.Deployment;
import dev.servicebot.topics.health.KafkaHealth;
import dev.servicebot.topics.health.Readiness;
import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wiring only: rebuilds the connection directory, then delivers replies; /health and /metrics on its own port. */
public final class NotifierApp implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NotifierApp.class);

    /** Settings from the environment (README configuration table). */
    public record Config(String bootstrapServers, String groupId, String internalSecret, boolean pushReplays, String host, int httpPort,
                         String instanceId, TrustedGateways trustedGateways) {
        public static Config fromEnvironment(Map<String, String> env) {
            Deployment deployment = Deployment.fromEnvironment(env);
            String secret = deployment.internalSecret();
            if (secret == null) {
                throw new IllegalStateException("SERVICEBOT_INTERNAL_SECRET is required: gateways refuse deliveries without it");
            }
            return new Config(
                    deployment.bootstrapServers(),
                    env.getOrDefault("SERVICEBOT_NOTIFIER_GROUP", "servicebot-notifier"),
                    secret,
                    Boolean.parseBoolean(env.getOrDefault("SERVICEBOT_NOTIFIER_PUSH_REPLAYS", "false")),
                    env.getOrDefault("SERVICEBOT_NOTIFIER_HOST", "127.0.0.1"),
                    Integer.parseInt(env.getOrDefault("SERVICEBOT_NOTIFIER_HTTP_PORT", "7082")),
                    deployment.instanceId(),
                    TrustedGateways.parse(env.getOrDefault(TrustedGateways.ENVIRONMENT, TrustedGateways.DEFAULT)));
        }
    }

    private final ConnectionDirectory directory;
    private final ReplyNotifier notifier;
    private final GatewayClient gateways;
    private final Javalin http;
    private final KafkaHealth kafka;

    private NotifierApp(ConnectionDirectory directory, ReplyNotifier notifier, GatewayClient gateways, Javalin http, KafkaHealth kafka) {
        this.directory = directory;
        this.notifier = notifier;
        this.gateways = gateways;
        this.http = http;
        this.kafka = kafka;
    }

    public static NotifierApp start(Config config) throws InterruptedException {
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        KafkaHealth kafka = new KafkaHealth(config.bootstrapServers()); // probing from now, while the rest starts
        ConnectionDirectory directory = new ConnectionDirectory(config.bootstrapServers());
        new Thread(directory, "notifier-connections").start();
        if (!directory.awaitCaughtUp(Duration.ofSeconds(60))) {
            log.warn("connection directory not rebuilt within 60 s; delivering with what it has");
        }
        GatewayClient gateways = new GatewayClient(config.internalSecret(), config.trustedGateways(), metrics);
        ReplyNotifier notifier = new ReplyNotifier(config.bootstrapServers(), config.groupId(), config.instanceId(), directory, gateways, config.pushReplays(), metrics);
        new Thread(notifier, "notifier-replies").start();
        long deadline = System.currentTimeMillis() + 30_000;
        while (!notifier.assigned() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50); // new groups start at the latest reply: be in the group before reporting ready
        }
        // Working means: it knows the live connections, holds its share of the replies, and reaches Kafka.
        Readiness readiness = new Readiness().require("connections", directory::caughtUp).require("partitions", notifier::assigned)
                .require("kafka", kafka::reachable);
        Javalin http = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            c.routes.get("/health", ctx -> {
                Readiness.Report report = readiness.report();
                ctx.status(report.httpStatus()).json(report.body());
            });
            c.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4").result(metrics.scrape()));
        }).start(config.host(), config.httpPort());
        log.info("notifier delivering replies (push replays: {}), health on http://{}:{}/health", config.pushReplays(), config.host(), http.port());
        return new NotifierApp(directory, notifier, gateways, http, kafka);
    }

    public int httpPort() {
        return http.port();
    }

    @Override
    public void close() {
        notifier.close();
        directory.close();
        gateways.close();
        http.stop();
        kafka.close();
    }
}
