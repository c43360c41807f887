package dev.servicebot.processor;

import dev.servicebot.topics.KafkaAccess;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerConfig;
import java.time.Duration;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import dev.servicebot.processor.analytics.AnalyticsTopology;
import dev.servicebot.topics.Deployment;
import dev.servicebot.topics.Json;
import dev.servicebot.topics.health.KafkaHealth;
import dev.servicebot.topics.health.Readiness;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wiring only: configuration in, the topology started, stopped cleanly on shutdown. */
public final class ProcessorApp implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProcessorApp.class);

    static final int REPLY_COMMIT_INTERVAL_MS = 50;
    private final KafkaStreams streams;
    private final String bootstrapServers;
    private Javalin http;
    private KafkaHealth kafka;
    private KafkaStreamsMetrics streamsMetrics;

    private ProcessorApp(KafkaStreams streams, String bootstrapServers) {
        this.streams = streams;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * The processor's or the analytics stream's settings from the environment (README configuration
     * table), read once: {@code SERVICEBOT_PROCESSOR_*} or {@code SERVICEBOT_ANALYTICS_*} on top of the
     * shared {@link Deployment}.
     */
    public record Config(boolean analytics, String applicationId, Deployment deployment, Path stateDir, int threads, String host,
                         int httpPort, SupportPriorities priorities) {
        public static Config processor(Map<String, String> env) {
            return new Config(false, env.getOrDefault("SERVICEBOT_PROCESSOR_APP_ID", "servicebot-processor"), Deployment.fromEnvironment(env),
                    path(env.get("SERVICEBOT_PROCESSOR_STATE_DIR")),
                    Integer.parseInt(env.getOrDefault("SERVICEBOT_PROCESSOR_THREADS", Integer.toString(STREAM_THREADS))),
                    env.getOrDefault("SERVICEBOT_PROCESSOR_HOST", "127.0.0.1"),
                    Integer.parseInt(env.getOrDefault("SERVICEBOT_PROCESSOR_HTTP_PORT", "7083")),
                    SupportPriorities.parse(env.getOrDefault(SupportPriorities.ENVIRONMENT, SupportPriorities.DEFAULT_SPEC)));
        }

        public static Config analytics(Map<String, String> env) {
            return new Config(true, env.getOrDefault("SERVICEBOT_ANALYTICS_APP_ID", "servicebot-analytics"), Deployment.fromEnvironment(env),
                    path(env.get("SERVICEBOT_ANALYTICS_STATE_DIR")), 1,
                    env.getOrDefault("SERVICEBOT_ANALYTICS_HOST", "127.0.0.1"),
                    Integer.parseInt(env.getOrDefault("SERVICEBOT_ANALYTICS_HTTP_PORT", "7084")), SupportPriorities.DEFAULT);
        }

        /** The Kafka Streams properties: the stream's own defaults, then threads, replication and static membership. */
        public Properties streamsProperties() {
            Properties props = analytics ? analyticsConfig(applicationId, deployment.bootstrapServers(), stateDir)
                    : streamsConfig(applicationId, deployment.bootstrapServers(), stateDir);
            props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
            props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, deployment.replicationFactor());
            if (deployment.instanceId() != null) { // a static member (Kafka Streams adds each stream thread's number to the name)
                props.put(StreamsConfig.mainConsumerPrefix(org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
                        deployment.instanceId());
            }
            return props;
        }

        private static Path path(String dir) {
            return dir == null || dir.isBlank() ? null : Path.of(dir);
        }
    }

    /** Starts what the configuration names (the processor or the analytics stream) and serves its /health and /metrics. */
    public static ProcessorApp start(Config config) {
        ProcessorApp app = config.analytics() ? startAnalytics(config.streamsProperties()) : start(config.streamsProperties(), config.priorities());
        return app.serve(config.host(), config.httpPort());
    }

    /** Stream threads per processor instance unless configured (SERVICEBOT_PROCESSOR_THREADS). */
    public static final int STREAM_THREADS = 2;

    /**
     * @param stateDir where RocksDB keeps the customers and conversations; null for Kafka's default
     */
    public static Properties streamsConfig(String applicationId, String bootstrapServers, Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.putAll(KafkaAccess.settings()); // TLS and SASL, for every client the streams make
        // Exactly once: a message's history, reply, customer change and offset commit together or not at all.
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // Under transactions v2 a send that races the previous commit gets CONCURRENT_TRANSACTIONS and
        // is retried after retry.backoff.ms; the 100 ms default stalls every commit interval.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), 5);
        // A reply is visible to the notifier (read_committed) only once its transaction commits, so the
        // commit interval is added to every reply's latency: EOS's default 100 ms was most of it.
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, REPLY_COMMIT_INTERVAL_MS);
        // Reading a message costs ~1.8 ms of CPU (mostly the sentence encoder), so one stream thread decides
        // ~500 messages/s; two use both cores of this machine (bench/processor.sh: 499/s with one, 933/s with two).
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, STREAM_THREADS);
        if (stateDir != null) {
            props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        }
        dev.servicebot.topics.GroupMembership.consumerSettings(null).forEach((k, v) -> props.put(StreamsConfig.mainConsumerPrefix(k), v));
        return props;
    }

    /** The analytics stream's config: no one waits on it, so it commits (and updates its counts) once a second. */
    public static Properties analyticsConfig(String applicationId, String bootstrapServers, Path stateDir) {
        Properties props = streamsConfig(applicationId, bootstrapServers, stateDir);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1); // counting is cheap
        return props;
    }

    /** The bot: answers customer messages and applies customer commands; the default support priorities. */
    public static ProcessorApp start(Properties config) {
        return start(config, SupportPriorities.DEFAULT);
    }

    /** ... with the support priorities and targets of the configuration ({@link SupportPriorities#ENVIRONMENT}). */
    public static ProcessorApp start(Properties config, SupportPriorities priorities) {
        // Loading the request model takes seconds; meanwhile Kafka Streams joins its group and restores
        // its stores, and the first task waits for the model only if it is still loading.
        CompletableFuture<Bot> bot = CompletableFuture.supplyAsync(() -> Bot.standard(priorities), ProcessorApp::modelLoader);
        bot.whenComplete((b, e) -> {
            if (e != null) {
                log.error("the request model did not load; no task can start", e);
            }
        });
        return start("processor", ProcessorTopology.build(bot::join), config);
    }

    private static void modelLoader(Runnable load) {
        Thread thread = new Thread(load, "request-model-load");
        thread.setDaemon(true);
        thread.start();
    }

    /** The analytics stream: hourly counts from the history topic ({@link AnalyticsTopology}); its own application id. */
    public static ProcessorApp startAnalytics(Properties config) {
        return start("analytics", AnalyticsTopology.build(), config);
    }

    private static ProcessorApp start(String name, Topology topology, Properties config) {
        KafkaStreams streams = new KafkaStreams(topology, config);
        streams.setStateListener((now, before) -> log.info("{} {} -> {}", name, before, now));
        streams.start();
        return new ProcessorApp(streams, config.getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /**
     * Serves {@code /health}: ready when the streams are RUNNING (they hold their tasks with the
     * stores restored; REBALANCING while the group waits for a dead member) and Kafka answers; and
     * {@code /metrics}: the Kafka Streams client's own metrics (process rate, commit latency,
     * records lag) through Micrometer, in Prometheus text.
     */
    public ProcessorApp serve(String host, int port) {
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(metrics);
        kafka = new KafkaHealth(bootstrapServers);
        // RUNNING alone is not working: a restarted instance can be RUNNING with no tasks while the group
        // still waits for the session of the process it replaces.
        Readiness readiness = new Readiness().require("running", () -> streams.state() == KafkaStreams.State.RUNNING)
                .require("tasks", () -> streams.metadataForLocalThreads().stream().anyMatch(t -> !t.activeTasks().isEmpty()))
                .require("kafka", kafka::reachable);
        http = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            c.routes.get("/health", ctx -> {
                Readiness.Report report = readiness.report();
                Map<String, Object> body = new LinkedHashMap<>(report.body());
                body.put("state", streams.state().name());
                ctx.status(report.httpStatus()).json(body);
            });
            c.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4").result(metrics.scrape()));
        }).start(host, port);
        log.info("health on http://{}:{}/health", host, http.port());
        return this;
    }

    /** The port of {@link #serve}, once serving. */
    public int httpPort() {
        return http.port();
    }

    /** Leaves the group on the way out, so a restart or a peer takes the tasks over at once, not after the session timeout. */
    @Override
    public void close() {
        if (http != null) {
            http.stop();
            streamsMetrics.close();
            kafka.close();
        }
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(Duration.ofSeconds(30)));
    }
}
