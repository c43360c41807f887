package dev.servicebot.gateway;

import io.javalin.websocket.WsContext;
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
        send(ctx, json, null);
    }

    /** {@code whenTaken} (may be null) runs once the client has the frame, or the socket has failed. */
    static void send(WsContext ctx, String json, Runnable whenTaken) {
        long bytes = utf8Length(json);
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
            Runnable done = () -> {
                taken.queued.addAndGet(-bytes);
                if (whenTaken != null) {
                    whenTaken.run();
                }
            };
            ctx.session.sendText(json, Callback.from(done, failure -> done.run()));
        }
    }

    /** The frame's size on the wire, without encoding it a second time (Jetty encodes it to send it). */
    static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** Bytes written to this socket and not yet taken by the client. */
    static long queued(WsContext ctx) {
        synchronized (ctx.session) {
            Outbox outbox = ctx.attribute(ATTRIBUTE);
            return outbox == null ? 0 : outbox.queued.get();
        }
    }
}
