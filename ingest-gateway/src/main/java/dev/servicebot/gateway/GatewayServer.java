package dev.servicebot.gateway;

import dev.servicebot.topics.Json;
import dev.servicebot.topics.delivery.DeliveryContract;
import dev.servicebot.topics.health.DynamoHealth;
import dev.servicebot.topics.health.KafkaHealth;
import dev.servicebot.topics.health.Readiness;
import dev.servicebot.topics.tables.TableNames;
import io.javalin.Javalin;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The gateway: every route in one place. The public port serves the chat page, the WebSockets,
 * the profile and history API and health; the internal port serves the notifier's delivery endpoint
 * and metrics (they name connections and customers' traffic: not for the internet).
 */
public final class GatewayServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GatewayServer.class);
    private static final int MAX_FRAME_BYTES = 128 * 1024;

    private final Javalin publicApp;
    private final Javalin internalApp;
    private final GatewayProducer producer;
    private final KafkaHealth health;
    private final DynamoHealth dynamoHealth;
    private final TokenExpiry expiry;
    private final HandoffFeed handoffs;
    private final GatewayConfig config;

    private GatewayServer(GatewayConfig config, Javalin publicApp, Javalin internalApp, GatewayProducer producer, KafkaHealth health,
                          DynamoHealth dynamoHealth, HandoffFeed handoffs, TokenExpiry expiry) {
        this.expiry = expiry;
        this.dynamoHealth = dynamoHealth;
        this.config = config;
        this.publicApp = publicApp;
        this.internalApp = internalApp;
        this.producer = producer;
        this.health = health;
        this.handoffs = handoffs;
    }

    public static GatewayServer start(GatewayConfig requested, DynamoDbClient dynamo) {
        return start(requested, CompletableFuture.completedFuture(dynamo));
    }

    /**
     * Starts with the DynamoDB client still being built: the Kafka clients are built on another thread
     * and the internal server on this one meanwhile. On a busy host (a restart under load) each starting
     * thread gets its own share of the cores, so three independent steps side by side finish sooner.
     */
    public static GatewayServer start(GatewayConfig requested, CompletableFuture<DynamoDbClient> dynamoClient) {
        requested.validated();
        record KafkaClients(KafkaHealth health, GatewayProducer producer) {
        }
        // Its health probe connects in the background from here on, while the rest starts.
        CompletableFuture<KafkaClients> kafka = CompletableFuture.supplyAsync(() -> new KafkaClients(
                new KafkaHealth(requested.bootstrapServers()), new GatewayProducer(requested.bootstrapServers(), requested.ackTimeout())),
                step -> new Thread(step, "gateway-start-kafka").start());
        LiveConnections connections = new LiveConnections();
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        RequestDeadline deadline = new RequestDeadline(requested.http().requestTimeout(), requested.http().idleTimeout());
        metrics.more().counter("servicebot.gateway.http.slow.closed", List.of(), deadline, RequestDeadline::closedSlow);
        DeliveryEndpoint delivery = new DeliveryEndpoint(connections, requested.internalSecret());
        // The internal port first: connection announcements carry its address.
        Javalin internalApp = Javalin.create(c -> {
            c.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            c.startup.showJavalinBanner = false;
            c.jetty.modifyServer(server -> server.addEventListener(deadline));
            c.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4").result(metrics.scrape()));
            c.routes.before(DeliveryContract.ALL_ROUTES, delivery::requireSecret);
            c.routes.post(DeliveryContract.CONNECTION, delivery::post);
            c.routes.post(DeliveryContract.DELIVERIES, delivery::postBatch);
            c.routes.get(DeliveryContract.CONNECTION, delivery::get);
            c.routes.delete(DeliveryContract.CONNECTION, delivery::delete);
        }).start(requested.internalHost(), requested.internalPort());

        GatewayConfig config = requested.withPorts(requested.publicPort(), internalApp.port());
        DynamoDbClient dynamo = dynamoClient.join();
        TableNames tables = new TableNames(config.environment());
        DynamoHealth dynamoHealth = new DynamoHealth(dynamo, tables.customers());
        KafkaHealth health = kafka.join().health();
        GatewayProducer producer = kafka.join().producer();

        // Ready while Kafka takes messages; DynamoDB is shown too, but without it the gateway still
        // accepts and acks messages (history reads answer a retryable error), so it stays in service.
        Readiness readiness = new Readiness().require("kafka", health::reachable)
                .report("dynamodb", dynamoHealth::reachable);
        CustomerDirectory customers = new CustomerDirectory(dynamo, tables);
        HistoryReader history = new HistoryReader(dynamo, tables);
        TokenVerifier tokens = new TokenVerifier(config);
        ConversationClock clock = new ConversationClock(Clock.systemUTC());
        TokenExpiry expiry = new TokenExpiry();
        ConversationOwnership ownership = new ConversationOwnership(ConversationIds.keyedFrom(config.internalSecret()), history::owner);
        Authenticator authenticator = new Authenticator(tokens, customers);
        ChatSocket chat = new ChatSocket(config, authenticator, expiry, history, ownership, producer, connections, clock, metrics);
        ProfileApi profile = new ProfileApi(authenticator, customers, history, ownership);
        HandoffBoard board = new HandoffBoard();
        AgentConsole agents = new AgentConsole(config, authenticator, expiry, board, history, producer, clock, metrics);
        HandoffFeed handoffs = new HandoffFeed(config.bootstrapServers(), board, agents::onEvent);
        DevTokens devTokens = config.devMode() ? new DevTokens(config.jwtSecret()) : null;
        OriginCheck origins = new OriginCheck(config.http().allowedOrigins(), config.devMode());

        Javalin publicApp = Javalin.create(c -> {
            c.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            c.startup.showJavalinBanner = false;
            c.staticFiles.add("/public", Location.CLASSPATH);
            c.jetty.modifyServer(server -> {
                server.addEventListener(deadline);
                server.setErrorHandler(new SecurityHeaders.OnErrorPages());
            });
            c.routes.before(SecurityHeaders::apply);
            c.routes.before(ctx -> {
                if (!origins.hostAllowed(ctx.header("Host"))) {
                    throw new ForbiddenResponse("in dev mode the gateway answers only to a loopback name (localhost, 127.0.0.1)");
                }
            });
            c.jetty.modifyWebSocketServletFactory(ws -> {
                ws.setMaxTextMessageSize(MAX_FRAME_BYTES); // bigger frames close the socket with 1009
                ws.setMaxBinaryMessageSize(MAX_FRAME_BYTES);
                ws.setIdleTimeout(config.idleTimeout());
            });
            for (String socket : List.of("/chat", "/agent/socket")) {
                c.routes.wsBeforeUpgrade(socket, ctx -> {
                    if (!origins.allows(ctx.header("Origin"), ctx.header("Host"))) {
                        throw new ForbiddenResponse("this page's origin may not open a socket here (SERVICEBOT_ALLOWED_ORIGINS)");
                    }
                });
            }
            c.routes.wsBeforeUpgrade("/chat", chat::beforeUpgrade);
            c.routes.ws("/chat", chat::configure);
            c.routes.get("/api/me", profile::me);
            c.routes.get("/api/me/messages", profile::myMessages);
            c.routes.get("/api/conversations/{conversationId}/messages", profile::conversation);
            c.routes.get("/agent", ctx -> ctx.redirect("/agent.html"));
            c.routes.wsBeforeUpgrade("/agent/socket", agents::beforeUpgrade);
            c.routes.ws("/agent/socket", agents::configure);
            c.routes.get("/api/agent/handoffs", agents::queue);
            c.routes.get("/api/agent/conversations/{conversationId}/messages", agents::conversation);
            // DynamoDB down or throttling: a typed, retryable answer rather than a 500.
            c.routes.exception(SdkException.class, (e, ctx) -> {
                log.warn("{} {}: DynamoDB unavailable: {}", ctx.method(), ctx.path(), e.toString());
                ctx.status(HttpStatus.SERVICE_UNAVAILABLE).json(Map.of("error", "unavailable",
                        "message", "stored data is unavailable right now; try again in a few seconds", "retryable", true));
            });
            c.routes.get("/health", ctx -> health(ctx, readiness));
            if (devTokens != null) {
                c.routes.post("/dev/token", ctx -> devToken(ctx, devTokens, customers));
                c.routes.post("/dev/agent-token", ctx -> devAgentToken(ctx, devTokens));
            }
        }).start(config.host(), config.publicPort());

        GatewayConfig actual = config.withPorts(publicApp.port(), internalApp.port());
        log.info("gateway {} on http://{}:{} (internal {}){}", actual.gatewayId(), actual.host(), actual.publicPort(),
                actual.deliveryUrl(), config.devMode() ? ", dev mode" : "");
        return new GatewayServer(actual, publicApp, internalApp, producer, health, dynamoHealth, handoffs, expiry);
    }

    public int publicPort() {
        return publicApp.port();
    }

    public int internalPort() {
        return internalApp.port();
    }

    public GatewayConfig config() {
        return config;
    }

    private static void health(Context ctx, Readiness readiness) {
        Readiness.Report report = readiness.report();
        ctx.status(report.httpStatus()).json(report.body());
    }

    private static void devToken(Context ctx, DevTokens tokens, CustomerDirectory customers) {
        record TokenRequest(String customerId) {
        }
        TokenRequest request;
        try {
            request = Json.MAPPER.readValue(ctx.body(), TokenRequest.class);
        } catch (Exception e) {
            throw new BadRequestResponse("body must be {\"customerId\":\"cust_001\"}");
        }
        if (request == null || request.customerId() == null || customers.customer(request.customerId()).isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND).json(Map.of("error", "unknown customer"));
            return;
        }
        ctx.json(Map.of("token", tokens.issue(request.customerId(), Duration.ofHours(12))));
    }

    private static void devAgentToken(Context ctx, DevTokens tokens) {
        record TokenRequest(String agentId) {
        }
        TokenRequest request;
        try {
            request = Json.MAPPER.readValue(ctx.body(), TokenRequest.class);
        } catch (Exception e) {
            throw new BadRequestResponse("body must be {\"agentId\":\"agent_001\"}");
        }
        String name = request == null || request.agentId() == null ? null : DevTokens.SAMPLE_AGENTS.get(request.agentId());
        if (name == null) {
            ctx.status(HttpStatus.NOT_FOUND).json(Map.of("error", "unknown agent", "agents", DevTokens.SAMPLE_AGENTS.keySet()));
            return;
        }
        ctx.json(Map.of("token", tokens.issueAgent(request.agentId(), name, Duration.ofHours(12)), "agentId", request.agentId(), "name", name));
    }

    @Override
    public void close() {
        handoffs.close();
        expiry.close();
        publicApp.stop();
        internalApp.stop();
        producer.close();
        health.close();
        dynamoHealth.close();
    }
}
