package dev.servicebot.sink;

import dev.servicebot.topics.Json;
import dev.servicebot.topics.tables.TableNames;
import dev.servicebot.topics.tables.TablesAdmin;
import dev.servicebot.topics.health.DynamoHealth;
import dev.servicebot.topics.health.KafkaHealth;
import dev.servicebot.topics.health.Readiness;
import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import dev.servicebot.topics.Deployment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Wiring only: creates the tables if asked, runs the sink on its own thread, serves /health and /metrics. */
public final class SinkApp implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SinkApp.class);

    /** Settings from the environment (README configuration table). */
    public record Config(String bootstrapServers, String groupId, String environment, boolean createTables, String host, int httpPort,
                         String instanceId) {
        public static Config fromEnvironment(Map<String, String> env) {
            Deployment deployment = Deployment.fromEnvironment(env);
            return new Config(
                    deployment.bootstrapServers(),
                    env.getOrDefault("SERVICEBOT_SINK_GROUP", "servicebot-sink-dynamo"),
                    deployment.environment(),
                    Boolean.parseBoolean(env.getOrDefault("SERVICEBOT_SINK_CREATE_TABLES", "true")),
                    env.getOrDefault("SERVICEBOT_SINK_HOST", "127.0.0.1"),
                    Integer.parseInt(env.getOrDefault("SERVICEBOT_SINK_HTTP_PORT", "7081")),
                    deployment.instanceId());
        }
    }

    private final DynamoSink sink;
    private final Thread thread;
    private final Javalin http;
    private final KafkaHealth kafka;
    private final DynamoHealth dynamoHealth;

    private SinkApp(DynamoSink sink, Thread thread, Javalin http, KafkaHealth kafka, DynamoHealth dynamoHealth) {
        this.sink = sink;
        this.thread = thread;
        this.http = http;
        this.kafka = kafka;
        this.dynamoHealth = dynamoHealth;
    }

    public static SinkApp start(Config config, DynamoDbClient dynamo) {
        TableNames tables = new TableNames(config.environment());
        if (config.createTables()) {
            var created = new TablesAdmin(dynamo, tables).ensure();
            if (!created.isEmpty()) {
                log.info("created tables {}", created);
            }
        }
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        DynamoSink sink = new DynamoSink(config.bootstrapServers(), config.groupId(), config.instanceId(), dynamo, tables, metrics);
        Thread thread = new Thread(sink, "sink-dynamo");
        thread.start();
        KafkaHealth kafka = new KafkaHealth(config.bootstrapServers());
        DynamoHealth dynamoHealth = new DynamoHealth(dynamo, tables.messages());
        // Working means: running, holding its partitions, and able to reach both ends.
        Readiness readiness = new Readiness().require("running", sink::healthy).require("partitions", sink::assigned)
                .require("kafka", kafka::reachable).require("dynamodb", dynamoHealth::reachable);
        Javalin http = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            c.routes.get("/health", ctx -> {
                Readiness.Report report = readiness.report();
                ctx.status(report.httpStatus()).json(report.body());
            });
            c.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4").result(metrics.scrape()));
        }).start(config.host(), config.httpPort());
        log.info("sink writing {}-* tables, health on http://{}:{}/health", config.environment(), config.host(), http.port());
        return new SinkApp(sink, thread, http, kafka, dynamoHealth);
    }

    public int httpPort() {
        return http.port();
    }

    @Override
    public void close() {
        sink.close();
        try {
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.stop();
        kafka.close();
        dynamoHealth.close();
    }
}
