package dev.servicebot.gateway;

import io.javalin.websocket.WsContext;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the gateway has written to one socket and the client has not taken yet. A client that sends
 * but never reads would otherwise have every answer (a pong, a rate_limited error) queued in the
 * gateway's memory without end; once more than {@value #MAX_QUEUED_BYTES} bytes wait, its socket is
 * dropped instead. A client that reads empties its outbox as fast as the network allows.
 */
final class Outbox {
    /** Room for several full history pages (100 messages of 4,000 characters) in flight. */
    static final long MAX_QUEUED_BYTES = 8L * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final String ATTRIBUTE = "servicebot.outbox";

    private final AtomicLong queued = new AtomicLong();

    /** Frames from the socket thread and from Kafka callbacks must not interleave on the wire, hence one lock per socket. */
    static void send(WsContext ctx, String json) {
        long bytes = json.getBytes(StandardCharsets.UTF_8).length;
        synchronized (ctx.session) {
            if (!ctx.session.isOpen()) {
                return;
            }
            Outbox outbox = ctx.attribute(ATTRIBUTE);
            if (outbox == null) {
                outbox = new Outbox();
                ctx.attribute(ATTRIBUTE, outbox);
            }
            if (outbox.queued.addAndGet(bytes) > MAX_QUEUED_BYTES) {
                log.warn("socket {} dropped: {} bytes written to it wait unread", ctx.sessionId(), outbox.queued.get());
                ctx.session.disconnect();
                return;
            }
            Outbox taken = outbox;
            ctx.session.sendText(json, Callback.from(() -> taken.queued.addAndGet(-bytes), failure -> taken.queued.addAndGet(-bytes)));
        }
    }

    /** Bytes written to this socket and not yet taken by the client. */
    static long queued(WsContext ctx) {
        Outbox outbox = ctx.attribute(ATTRIBUTE);
        return outbox == null ? 0 : outbox.queued.get();
    }
}
