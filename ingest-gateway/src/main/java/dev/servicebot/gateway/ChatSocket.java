package dev.servicebot.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.servicebot.gateway.Frames.Ack;
import dev.servicebot.gateway.Frames.ClientFrame;
import dev.servicebot.gateway.Frames.Code;
import dev.servicebot.topics.Json;
import dev.servicebot.topics.Timestamps;
import dev.servicebot.topics.delivery.DeliveryContract;
import dev.servicebot.topics.model.Connection;
import dev.servicebot.topics.model.HistoryMessage;
import dev.servicebot.topics.model.InboundMessage;
import io.javalin.http.Context;
import io.javalin.websocket.WsBinaryMessageContext;
import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsErrorContext;
import io.javalin.websocket.WsMessageContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The chat WebSocket: a connection speaks only as the customer its token names, every message it
 * sends is acknowledged only once Kafka has it, and bad input gets an error frame, not a dropped socket.
 */
public final class ChatSocket {
    private static final Logger log = LoggerFactory.getLogger(ChatSocket.class);
    private static final String SESSION = "servicebot.session";

    private final GatewayConfig config;
    private final Authenticator authenticator;
    private final HistoryReader history;
    private final ConversationOwnership ownership;
    private final GatewayProducer producer;
    private final LiveConnections connections;
    private final CustomerLimits limits;
    private final TokenExpiry expiry;
    private final ResendGuard<Ack> resends = new ResendGuard<>();
    private final ConversationClock clock;
    private final MeterRegistry metrics;
    private final Counter accepted;
    private final Timer ackLatency;

    /** What the gateway knows about one open socket. */
    private static final class Session {
        final String customerId;
        final String connectionId;
        final CustomerLimits.Slot limits;
        final ScheduledFuture<?> expiry;
        volatile String conversationId;

        Session(String customerId, String connectionId, String conversationId, CustomerLimits.Slot limits, ScheduledFuture<?> expiry) {
            this.customerId = customerId;
            this.connectionId = connectionId;
            this.conversationId = conversationId;
            this.limits = limits;
            this.expiry = expiry;
        }
    }

    public ChatSocket(GatewayConfig config, Authenticator authenticator, TokenExpiry expiry, HistoryReader history,
                      ConversationOwnership ownership, GatewayProducer producer, LiveConnections connections, ConversationClock clock,
                      MeterRegistry metrics) {
        this.expiry = expiry;
        this.config = config;
        this.authenticator = authenticator;
        this.history = history;
        this.ownership = ownership;
        this.producer = producer;
        this.connections = connections;
        this.limits = new CustomerLimits(config.limits());
        this.clock = clock;
        this.metrics = metrics;
        this.accepted = metrics.counter("servicebot.gateway.messages.accepted");
        this.ackLatency = Timer.builder("servicebot.gateway.ack.latency").publishPercentileHistogram()
                .description("from a sendMessage frame to its ack").register(metrics);
        metrics.gauge("servicebot.gateway.connections", connections, LiveConnections::count);
    }

    /** Refuses the upgrade (400/401/403) unless the token is valid and names a customer we know. */
    public void beforeUpgrade(Context ctx) {
        authenticator.customer(ctx.queryParam("token"));
    }

    public void configure(WsConfig ws) {
        ws.onConnect(this::connected);
        ws.onMessage(this::received);
        ws.onBinaryMessage(this::binary);
        ws.onClose(this::closed);
        ws.onError(this::failed);
    }

    private void connected(WsConnectContext ctx) {
        TokenVerifier.Identity identity = authenticator.customer(ctx.queryParam("token"));
        String customerId = identity.subject();
        Optional<CustomerLimits.Slot> slot = limits.open(customerId);
        if (slot.isEmpty()) {
            // Each socket has its own message rate: more sockets must not mean more messages, or more load.
            metrics.counter("servicebot.gateway.connections.refused", "reason", "per_customer_cap").increment();
            ctx.closeSession(1008, "too many connections: at most " + limits.settings().connectionsPerCustomer() + " per customer");
            return;
        }
        String connectionId = "c-" + UUID.randomUUID();
        Session session = new Session(customerId, connectionId, ownership.ids().mint(customerId), slot.get(), expiry.watch(ctx, identity.expiresAt()));
        ctx.attribute(SESSION, session);
        ctx.session.setIdleTimeout(config.idleTimeout());
        ctx.enableAutomaticPings(Math.max(1, config.idleTimeout().toSeconds() / 3), TimeUnit.SECONDS);
        Instant now = Instant.now();
        connections.add(new LiveConnections.Live(connectionId, customerId, now, ctx));
        producer.opened(new Connection(connectionId, customerId, Timestamps.format(now), now.plus(Duration.ofHours(24)).getEpochSecond(),
                config.gatewayId(), DeliveryContract.connectionUrl(config.deliveryUrl(), connectionId)));
        send(ctx, new Frames.Connected(connectionId, customerId, session.conversationId));
        log.info("connection {} opened for {}", connectionId, customerId);
    }

    /** The socket's session if this frame may be read, or null after answering why not. */
    private Session admitted(WsContext ctx) {
        Session session = ctx.attribute(SESSION);
        if (session == null) {
            return null; // a socket refused over the cap, closing
        }
        if (!session.limits.frameArrived()) {
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
        ClientFrame frame;
        try {
            frame = Json.MAPPER.readValue(ctx.message(), ClientFrame.class);
        } catch (JsonProcessingException e) {
            reject(ctx, Code.INVALID_JSON, "frames are JSON objects like {\"action\":\"sendMessage\",\"text\":\"hi\"}", null);
            return;
        }
        if (frame == null || frame.action() == null) {
            reject(ctx, Code.INVALID_JSON, "a frame needs an \"action\"", null);
            return;
        }
        if (!session.limits.actionAllowed(frame.action())) {
            frameRateExceeded(ctx, frame.clientMessageId());
            return;
        }
        switch (frame.action()) {
            case "sendMessage" -> sendMessage(ctx, session, frame);
            case "ping" -> send(ctx, new Frames.Pong());
            case "history" -> history(ctx, session, frame);
            case "resume" -> resume(ctx, session, frame);
            case "newConversation" -> newConversation(ctx, session);
            default -> reject(ctx, Code.UNKNOWN_ACTION, "unknown action '" + frame.action()
                    + "'; use sendMessage, ping, history, resume or newConversation", frame.clientMessageId());
        }
    }

    private void frameRateExceeded(WsContext ctx, String clientMessageId) {
        reject(ctx, Code.RATE_LIMITED, limits.frameRateExceeded(), clientMessageId);
    }

    /** Later messages without a conversationId go to a new conversation, minted for this customer. */
    private void newConversation(WsContext ctx, Session session) {
        session.conversationId = ownership.ids().mint(session.customerId);
        send(ctx, new Frames.NewConversation(session.conversationId));
    }

    private void sendMessage(WsContext ctx, Session session, ClientFrame frame) {
        String clientMessageId = frame.clientMessageId();
        if (clientMessageId != null && !WireId.valid(clientMessageId)) {
            reject(ctx, Code.INVALID_REQUEST, "clientMessageId must be " + WireId.RULE, null);
            return;
        }
        if (!session.limits.message()) {
            reject(ctx, Code.RATE_LIMITED, limits.messageRateExceeded(), clientMessageId);
            return;
        }
        String text = frame.text();
        if (text == null || text.isBlank()) {
            reject(ctx, Code.EMPTY_TEXT, "text must not be empty", clientMessageId);
            return;
        }
        if (text.length() > config.maxTextLength()) {
            reject(ctx, Code.TEXT_TOO_LONG, "text is " + text.length() + " characters; the limit is " + config.maxTextLength(), clientMessageId);
            return;
        }
        String conversationId = conversation(ctx, session, frame.conversationId(), clientMessageId, false);
        if (conversationId == null) {
            return;
        }
        long started = System.nanoTime();
        CompletableFuture<Ack> attempt = resends.once(session.customerId + '\u0000' + conversationId, clientMessageId, () -> {
            String messageId = InboundMessage.idFor(session.customerId, conversationId, clientMessageId);
            String timestamp = clock.next(conversationId);
            InboundMessage message = new InboundMessage(messageId, conversationId, session.customerId, text, timestamp,
                    clientMessageId, session.connectionId, config.gatewayId());
            return producer.publish(message).thenApply(written -> new Ack(messageId, clientMessageId, conversationId, timestamp));
        });
        // The client waits a bounded time; the publish itself keeps going, so a resend still finds it.
        AtomicBoolean toldUnavailable = new AtomicBoolean();
        attempt.copy().orTimeout(config.ackTimeout().toMillis(), TimeUnit.MILLISECONDS).whenComplete((ack, error) -> {
            if (error == null) {
                ackLatency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                accepted.increment();
                send(ctx, ack);
            } else {
                toldUnavailable.set(true);
                log.warn("message not acknowledged for {}: {}", session.customerId, error.toString());
                reject(ctx, Code.UNAVAILABLE, "the message is not stored yet (it may still be); send it again with the same clientMessageId",
                        clientMessageId);
            }
        });
        // Stored after all, later than the client waited: say so, or it might type the message anew.
        attempt.whenComplete((ack, error) -> {
            if (error == null && toldUnavailable.get()) {
                send(ctx, ack);
            }
        });
    }

    /**
     * The conversation a frame names, or null after refusing it: the connection's own, or another of
     * this customer's ({@link ConversationOwnership}), which the connection then moves to. Nothing is
     * read from, written to or acknowledged for a conversation that is not the customer's; while the
     * owner cannot be looked up (an id gateways did not mint, DynamoDB down) the frame is refused as
     * retryable.
     */
    private String conversation(WsContext ctx, Session session, String requested, String clientMessageId, boolean reads) {
        if (requested == null || requested.equals(session.conversationId)) {
            return session.conversationId;
        }
        if (!WireId.valid(requested)) {
            reject(ctx, Code.INVALID_REQUEST, "conversationId must be " + WireId.RULE, clientMessageId);
            return null;
        }
        boolean yours;
        try {
            yours = ownership.belongsTo(requested, session.customerId);
        } catch (SdkException e) {
            if (reads) {
                historyUnavailable(ctx, e);
            } else {
                log.warn("conversation owner unavailable: {}", e.toString());
                reject(ctx, Code.UNAVAILABLE, "cannot check right now that this conversation is yours; send it again in a few seconds",
                        clientMessageId);
            }
            return null;
        }
        if (!yours) {
            // One answer whether the id exists or not: a refusal tells nobody which conversations there are.
            metrics.counter("servicebot.gateway.conversations.refused").increment();
            reject(ctx, Code.FORBIDDEN, "conversation " + requested + " is not yours: use the conversationId from connected or "
                    + "newConversation", clientMessageId);
            return null;
        }
        session.conversationId = requested;
        return requested;
    }

    private void history(WsContext ctx, Session session, ClientFrame frame) {
        String conversationId = conversation(ctx, session, frame.conversationId(), null, true);
        Integer limit = conversationId == null ? null : limit(ctx, frame, 50);
        String before = limit == null || frame.before() == null ? null : timestamp(ctx, "before", frame.before());
        if (limit == null || (frame.before() != null && before == null)) {
            return;
        }
        try {
            HistoryReader.Page page = history.conversation(conversationId, limit, before);
            given(session, page);
            send(ctx, new Frames.History(conversationId, page.messages(), page.more()));
        } catch (SdkException e) {
            historyUnavailable(ctx, e);
        }
    }

    /**
     * What the client missed in a conversation: every message after a reply's timestamp, page by page.
     * Which reply the client picks so that nothing is skipped is the protocol's rule (docs/protocol.md).
     */
    private void resume(WsContext ctx, Session session, ClientFrame frame) {
        String conversationId = conversation(ctx, session, frame.conversationId(), null, true);
        Integer limit = conversationId == null ? null : limit(ctx, frame, 100);
        String since = limit == null || frame.since() == null ? null : timestamp(ctx, "since", frame.since());
        if (limit == null || (frame.since() != null && since == null)) {
            return;
        }
        try {
            HistoryReader.Page page = history.after(conversationId, since, limit);
            given(session, page);
            send(ctx, new Frames.Missed(conversationId, page.messages(), page.more()));
        } catch (SdkException e) {
            historyUnavailable(ctx, e);
        }
    }

    /**
     * Before the page is written: a late live push of a reply in it is then a copy the socket already has.
     * Only the page's replies: the customer's own messages are never pushed, so they would only take room.
     */
    private void given(Session session, HistoryReader.Page page) {
        List<String> replies = page.messages().stream().filter(m -> !m.fromCustomer()).map(HistoryMessage::messageId).toList();
        connections.get(session.connectionId).ifPresent(live -> live.pushed().given(replies));
    }

    private Integer limit(WsContext ctx, ClientFrame frame, int byDefault) {
        int limit = frame.limit() == null ? byDefault : frame.limit();
        if (limit < 1 || limit > 100) {
            reject(ctx, Code.INVALID_REQUEST, "limit must be between 1 and 100", null);
            return null;
        }
        return limit;
    }

    /** DynamoDB is down or throttling: the socket stays open and messages are still accepted; history can be asked again. */
    private void historyUnavailable(WsContext ctx, SdkException e) {
        log.warn("history unavailable: {}", e.toString());
        reject(ctx, Code.UNAVAILABLE, "history is unavailable right now; ask again in a few seconds (messages are still accepted)", null);
    }

    /** A client timestamp in the history's fixed-width form, or null after telling the client why not. */
    private String timestamp(WsContext ctx, String field, String value) {
        try {
            return Timestamps.normalize(value);
        } catch (DateTimeParseException e) {
            reject(ctx, Code.INVALID_REQUEST, field + " must be an ISO-8601 UTC timestamp like 2026-11-26T10:00:00.000Z", null);
            return null;
        }
    }

    private void binary(WsBinaryMessageContext ctx) {
        if (admitted(ctx) == null) {
            return;
        }
        reject(ctx, Code.BINARY_NOT_SUPPORTED, "send JSON text frames, not binary ones", null);
    }

    private void closed(WsCloseContext ctx) {
        Session session = ctx.attribute(SESSION);
        if (session != null) {
            session.limits.close();
            session.expiry.cancel(false);
            connections.remove(session.connectionId);
            producer.closed(session.connectionId);
            log.info("connection {} closed ({} {})", session.connectionId, ctx.status(), ctx.reason());
        }
    }

    private void failed(WsErrorContext ctx) {
        Throwable error = ctx.error();
        log.debug("socket error: {}", error == null ? "unknown" : error.toString());
    }

    private void reject(WsContext ctx, Code code, String message, String clientMessageId) {
        metrics.counter("servicebot.gateway.messages.rejected", "code", code.wire()).increment();
        send(ctx, new Frames.Error(code, message, clientMessageId));
    }

    /** Every frame to a client goes through its {@link Outbox}. */
    static void send(WsContext ctx, Object frame) {
        send(ctx, frame, null);
    }

    /** {@code whenTaken} (may be null) runs once the client has the frame, or the socket has failed. */
    static void send(WsContext ctx, Object frame, Runnable whenTaken) {
        String json;
        try {
            json = Json.MAPPER.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write frame " + frame, e);
        }
        Outbox.send(ctx, json, whenTaken);
    }
}
