package dev.servicebot.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.servicebot.gateway.Frames.AgentAck;
import dev.servicebot.gateway.Frames.AgentFrame;
import dev.servicebot.gateway.Frames.Code;
import dev.servicebot.topics.Json;
import dev.servicebot.topics.Timestamps;
import dev.servicebot.topics.model.HandoffCommand;
import dev.servicebot.topics.model.HandoffEvent;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsMessageContext;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The support agents' side of the gateway: only a token with the agent role gets in, an agent acts
 * only on conversations in the handoff queue, and every claim, message and resolve is acked once
 * Kafka has it, for the processor to decide. The queue and every handoff step reach every open
 * console as they happen.
 */
public final class AgentConsole {
    private static final Logger log = LoggerFactory.getLogger(AgentConsole.class);
    private static final String SESSION = "servicebot.agent";

    private final GatewayConfig config;
    private final Authenticator authenticator;
    private final HandoffBoard board;
    private final HistoryReader history;
    private final GatewayProducer producer;
    private final ConversationClock clock;
    private final MeterRegistry metrics;
    private final TokenExpiry expiry;
    private final ResendGuard<AgentAck> resends = new ResendGuard<>();
    private final Set<String> measuredPriorities = ConcurrentHashMap.newKeySet();
    private final Map<WsContext, Agent> consoles = new ConcurrentHashMap<>();
    /** The customers' limits, counted per agent: sockets, frames (a history read costs more) and actions. */
    private final CustomerLimits limits;

    /** A signed-in agent. */
    public record Agent(String id, String name) {
        static Agent of(TokenVerifier.Identity identity) {
            return new Agent(identity.subject(), identity.name() != null ? identity.name() : identity.subject());
        }
    }

    private record Session(Agent agent, CustomerLimits.Slot limits, ScheduledFuture<?> expiry, QueueFeed queue) {
    }

    /**
     * At most one queue frame on its way to a console: with thousands of open handoffs a queue frame is
     * large and every handoff step changes it, so a console that reads slowly gets the latest queue
     * once it has taken the one before, not every queue since (the events still go one by one).
     */
    private static final class QueueFeed {
        private boolean sending;
        private boolean stale;
    }

    public AgentConsole(GatewayConfig config, Authenticator authenticator, TokenExpiry expiry, HandoffBoard board, HistoryReader history,
                        GatewayProducer producer, ConversationClock clock, MeterRegistry metrics) {
        this.expiry = expiry;
        this.config = config;
        this.authenticator = authenticator;
        this.board = board;
        this.history = history;
        this.producer = producer;
        this.clock = clock;
        this.metrics = metrics;
        this.limits = new CustomerLimits(config.limits());
        metrics.gauge("servicebot.gateway.agent.consoles", consoles, Map::size);
    }

    /** The agent a token names: 401 for a bad token, 403 for a token that is not an agent's. */
    public Agent authenticate(String token) {
        return Agent.of(authenticator.agent(token));
    }

    // ---- HTTP routes -------------------------------------------------------------------------

    public void queue(Context ctx) {
        authenticate(bearer(ctx));
        Instant now = Instant.now();
        ctx.json(new Frames.Queue(now.toString(), board.entries(now)));
    }

    public void conversation(Context ctx) {
        authenticate(bearer(ctx));
        String conversationId = ctx.pathParam("conversationId");
        if (board.get(conversationId).isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND).json(Map.of("error", Code.NOT_HANDED_OFF.wire(),
                    "message", "conversation " + conversationId + " is not handed off"));
            return;
        }
        int limit = ctx.queryParamAsClass("limit", Integer.class).getOrDefault(50);
        if (limit < 1 || limit > 100) {
            throw new BadRequestResponse("limit must be between 1 and 100");
        }
        String before;
        try {
            before = ctx.queryParam("before") == null ? null : Timestamps.normalize(ctx.queryParam("before"));
        } catch (DateTimeParseException e) {
            throw new BadRequestResponse("before must be an ISO-8601 UTC timestamp");
        }
        HistoryReader.Page page = history.conversation(conversationId, limit, before);
        ctx.json(Map.of("conversationId", conversationId, "messages", page.messages(), "more", page.more()));
    }

    private static String bearer(Context ctx) {
        return TokenVerifier.bearer(ctx.header("Authorization"));
    }

    // ---- the console's socket -----------------------------------------------------------------

    public void beforeUpgrade(Context ctx) {
        authenticate(ctx.queryParam("token"));
    }

    public void configure(WsConfig ws) {
        ws.onConnect(this::connected);
        ws.onMessage(this::received);
        ws.onClose(this::closed);
        ws.onBinaryMessage(ctx -> {
            if (admitted(ctx) != null) {
                reject(ctx, Code.BINARY_NOT_SUPPORTED, "send JSON text frames, not binary ones", null);
            }
        });
    }

    private void connected(WsConnectContext ctx) {
        TokenVerifier.Identity identity = authenticator.agent(ctx.queryParam("token"));
        Agent agent = Agent.of(identity);
        Optional<CustomerLimits.Slot> slot = limits.open(agent.id());
        if (slot.isEmpty()) {
            metrics.counter("servicebot.gateway.connections.refused", "reason", "per_agent_cap").increment();
            ctx.closeSession(1008, "too many connections: at most " + limits.settings().connectionsPerCustomer() + " per agent");
            return;
        }
        ctx.attribute(SESSION, new Session(agent, slot.get(), expiry.watch(ctx, identity.expiresAt()), new QueueFeed()));
        ctx.session.setIdleTimeout(config.idleTimeout());
        ctx.enableAutomaticPings(Math.max(1, config.idleTimeout().toSeconds() / 3), TimeUnit.SECONDS);
        ChatSocket.send(ctx, new Frames.AgentConnected(agent.id(), agent.name()));
        consoles.put(ctx, agent);
        sendQueue(ctx);
        log.info("agent console opened for {}", agent.id());
    }

    private void closed(WsCloseContext ctx) {
        consoles.remove(ctx);
        Session session = ctx.attribute(SESSION);
        if (session != null) {
            session.limits().close();
            session.expiry().cancel(false);
        }
    }

    /** The console's session if this frame may be read, or null after answering why not. */
    private Session admitted(WsContext ctx) {
        Session session = ctx.attribute(SESSION);
        if (session == null) {
            return null; // a console refused over the cap, closing
        }
        if (!session.limits().frameArrived()) {
            frameRateExceeded(ctx, null);
            return null;
        }
        return session;
    }

    private void received(WsMessageContext ctx) {
        Session session = admitted(ctx);
        if (session == null) {
            return;
        }
        AgentFrame frame;
        try {
            frame = Json.MAPPER.readValue(ctx.message(), AgentFrame.class);
        } catch (JsonProcessingException e) {
            reject(ctx, Code.INVALID_JSON, "frames are JSON objects like {\"action\":\"claim\",\"conversationId\":\"conv-1\"}", null);
            return;
        }
        if (frame == null || frame.action() == null) {
            reject(ctx, Code.INVALID_JSON, "a frame needs an \"action\"", null);
            return;
        }
        if (!session.limits().actionAllowed(frame.action())) {
            frameRateExceeded(ctx, frame.clientMessageId());
            return;
        }
        switch (frame.action()) {
            case "claim" -> act(ctx, session, frame, HandoffCommand.Kind.claim);
            case "sendMessage" -> act(ctx, session, frame, HandoffCommand.Kind.message);
            case "resolve" -> act(ctx, session, frame, HandoffCommand.Kind.resolve);
            case "history" -> history(ctx, frame);
            case "ping" -> ChatSocket.send(ctx, new Frames.Pong());
            default -> reject(ctx, Code.UNKNOWN_ACTION, "unknown action '" + frame.action()
                    + "'; use claim, sendMessage, resolve, history or ping", frame.clientMessageId());
        }
    }

    /** A claim, message or resolve: checked against the queue, then stored for the processor to decide. */
    private void act(WsContext ctx, Session session, AgentFrame frame, HandoffCommand.Kind kind) {
        String clientMessageId = frame.clientMessageId();
        if (clientMessageId != null && !WireId.valid(clientMessageId)) {
            reject(ctx, Code.INVALID_REQUEST, "clientMessageId must be " + WireId.RULE, null);
            return;
        }
        if (!session.limits().message()) {
            reject(ctx, Code.RATE_LIMITED, limits.messageRateExceeded(), clientMessageId);
            return;
        }
        String conversationId = frame.conversationId();
        if (!WireId.valid(conversationId)) {
            reject(ctx, Code.INVALID_REQUEST, "conversationId must be " + WireId.RULE, clientMessageId);
            return;
        }
        String text = null;
        if (kind == HandoffCommand.Kind.message) {
            text = frame.text();
            if (text == null || text.isBlank()) {
                reject(ctx, Code.EMPTY_TEXT, "text must not be empty", clientMessageId);
                return;
            }
            if (text.length() > Math.min(config.maxTextLength(), HandoffCommand.MAX_TEXT_LENGTH)) {
                reject(ctx, Code.TEXT_TOO_LONG, "text is " + text.length() + " characters; the limit is "
                        + Math.min(config.maxTextLength(), HandoffCommand.MAX_TEXT_LENGTH), clientMessageId);
                return;
            }
        }
        Agent agent = session.agent();
        var open = board.get(conversationId);
        if (open.isEmpty()) {
            reject(ctx, Code.NOT_HANDED_OFF, "conversation " + conversationId + " is not handed off", clientMessageId);
            return;
        }
        if (open.get().claimed() && !open.get().agentId().equals(agent.id())) {
            reject(ctx, Code.CLAIMED_BY_OTHER, "claimed by " + open.get().agentName(), clientMessageId);
            return;
        }
        if (kind == HandoffCommand.Kind.message && !open.get().claimed()) {
            reject(ctx, Code.NOT_CLAIMED, "claim the conversation before writing to the customer", clientMessageId);
            return;
        }
        String customerId = open.get().customerId();
        String message = text;
        CompletableFuture<AgentAck> attempt = resends.once(agent.id(), clientMessageId, () -> {
            HandoffCommand command = new HandoffCommand("hcmd-" + UUID.randomUUID(), kind, conversationId, customerId, agent.id(),
                    agent.name(), message, clock.next(conversationId), clientMessageId);
            return producer.publish(command).thenApply(written ->
                    new AgentAck(command.commandId(), clientMessageId, conversationId, command.timestamp()));
        });
        attempt.copy().orTimeout(config.ackTimeout().toMillis(), TimeUnit.MILLISECONDS).whenComplete((ack, error) -> {
            if (error == null) {
                ChatSocket.send(ctx, ack);
            } else {
                log.warn("agent command not stored for {}: {}", agent.id(), error.toString());
                reject(ctx, Code.UNAVAILABLE, "could not be stored right now; send it again with the same clientMessageId", clientMessageId);
            }
        });
    }

    private void history(WsContext ctx, AgentFrame frame) {
        String conversationId = frame.conversationId();
        if (conversationId == null || board.get(conversationId).isEmpty()) {
            reject(ctx, Code.NOT_HANDED_OFF, "conversation " + conversationId + " is not handed off", null);
            return;
        }
        int limit = frame.limit() == null ? 50 : frame.limit();
        if (limit < 1 || limit > 100) {
            reject(ctx, Code.INVALID_REQUEST, "limit must be between 1 and 100", null);
            return;
        }
        String before;
        try {
            before = frame.before() == null ? null : Timestamps.normalize(frame.before());
        } catch (DateTimeParseException e) {
            reject(ctx, Code.INVALID_REQUEST, "before must be an ISO-8601 UTC timestamp like 2026-11-26T10:00:00.000Z", null);
            return;
        }
        HistoryReader.Page page = history.conversation(conversationId, limit, before);
        ChatSocket.send(ctx, new Frames.History(conversationId, page.messages(), page.more()));
    }

    // ---- what the handoffs topic says ---------------------------------------------------------

    /** Called by the {@link HandoffFeed} after the board applied a step: every console hears it. */
    public void onEvent(HandoffEvent event) {
        if (event.priority() != null && measuredPriorities.add(event.priority())) {
            measure(event.priority());
        }
        Frames.Event frame = new Frames.Event(event);
        boolean queueChanged = event.kind() != HandoffEvent.Kind.refused && event.kind() != HandoffEvent.Kind.unknown;
        consoles.forEach((ctx, agent) -> {
            if (event.kind() == HandoffEvent.Kind.refused && !agent.id().equals(event.agentId())) {
                return; // a refusal is for the agent it names
            }
            ChatSocket.send(ctx, frame);
            if (queueChanged) {
                sendQueue(ctx);
            }
        });
    }

    private void sendQueue(WsContext ctx) {
        Session session = ctx.attribute(SESSION);
        QueueFeed feed = session.queue();
        synchronized (feed) {
            if (feed.sending) {
                feed.stale = true;
                return;
            }
            feed.sending = true;
        }
        Instant now = Instant.now();
        ChatSocket.send(ctx, new Frames.Queue(now.toString(), board.entries(now)), () -> {
            boolean again;
            synchronized (feed) {
                feed.sending = false;
                again = feed.stale;
                feed.stale = false;
            }
            if (again) {
                sendQueue(ctx);
            }
        });
    }

    /** Gauges per support priority, from the first time one is seen (the gateway has no list of them). */
    private void measure(String priority) {
        Gauge.builder("servicebot.handoffs.open", board, b -> b.open(priority)).tag("priority", priority)
                .description("open handoffs (waiting or claimed)").register(metrics);
        Gauge.builder("servicebot.handoffs.oldest.wait", board, b -> b.oldestWaitSeconds(priority, Instant.now()))
                .tag("priority", priority).baseUnit("seconds").description("how long the oldest unclaimed handoff has waited")
                .register(metrics);
    }

    private void frameRateExceeded(WsContext ctx, String clientMessageId) {
        reject(ctx, Code.RATE_LIMITED, limits.frameRateExceeded(), clientMessageId);
    }

    private void reject(WsContext ctx, Code code, String message, String clientMessageId) {
        metrics.counter("servicebot.gateway.agent.rejected", "code", code.wire()).increment();
        ChatSocket.send(ctx, new Frames.Error(code, message, clientMessageId));
    }
}
