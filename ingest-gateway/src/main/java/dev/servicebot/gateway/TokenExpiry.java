package dev.servicebot.gateway;

import io.javalin.websocket.WsContext;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A socket lives no longer than the token it was opened with: at the token's expiry it is closed with
 * 1008, and the client connects again with a fresh token (a page gets one from its sign-in). Without
 * this, a token checked once at the upgrade let a socket speak for the customer for as long as it stayed open.
 */
public final class TokenExpiry implements AutoCloseable {
    public static final int CLOSE_CODE = 1008;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "token-expiry");
        t.setDaemon(true);
        return t;
    });

    /** Closes {@code socket} when {@code expiresAt} comes; cancel the returned watch when the socket closes first. */
    public ScheduledFuture<?> watch(WsContext socket, Instant expiresAt) {
        long delay = Math.max(0, Duration.between(Instant.now(), expiresAt).toMillis());
        return timers.schedule(() -> {
            if (socket.session.isOpen()) {
                socket.closeSession(CLOSE_CODE, "token expired");
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timers.shutdownNow();
    }
}
