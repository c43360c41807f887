package dev.servicebot.gateway;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.util.component.Container;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * No HTTP request takes longer than the header deadline to arrive, and no HTTP connection sits idle
 * for longer than the idle timeout. A client that trickles a request a byte at a time (slowloris:
 * headers, or a body it announced) never goes idle, so the idle timeout alone would let it hold a
 * connection and a server thread for ever; every connection is therefore looked at once a second,
 * and one whose current request has been arriving for longer than the deadline is closed. Added to a
 * Jetty server as a listener, it configures each connector as the server adds it, before it accepts
 * anything.
 */
final class RequestDeadline implements Container.Listener {
    private final Duration headerTimeout;
    private final Duration idleTimeout;
    private final AtomicLong closedSlow = new AtomicLong();
    private final Map<Connection, Progress> watched = new ConcurrentHashMap<>();

    /**
     * Where a connection's requests stood at the last look: how many had arrived, how many bytes, and
     * since when the next one has been arriving (0 while none is under way).
     */
    private record Progress(long requests, long bytes, long arrivingSince) {
    }

    RequestDeadline(Duration headerTimeout, Duration idleTimeout) {
        this.headerTimeout = headerTimeout;
        this.idleTimeout = idleTimeout;
    }

    /** Connections closed for sending no whole request in time. */
    long closedSlow() {
        return closedSlow.get();
    }

    @Override
    public void beanAdded(Container parent, Object child) {
        if (child instanceof AbstractConnector connector) {
            connector.setIdleTimeout(idleTimeout.toMillis());
            // On the HTTP/1.1 factory, not the connector: a WebSocket's connection, made by the upgrade, is not watched.
            connector.getConnectionFactory(HttpConnectionFactory.class).addEventListener(new Connection.Listener() {
                @Override
                public void onOpened(Connection connection) {
                    // A new connection is there to send a request: its deadline runs from now.
                    watched.put(connection, new Progress(0, 0, System.nanoTime()));
                }

                @Override
                public void onClosed(Connection connection) {
                    watched.remove(connection);
                }
            });
            // The connector's scheduler runs once the connector has started.
            connector.addEventListener(new LifeCycle.Listener() {
                @Override
                public void lifeCycleStarted(LifeCycle started) {
                    connector.getScheduler().schedule(() -> look(connector), 1, TimeUnit.SECONDS);
                }
            });
        }
    }

    @Override
    public void beanRemoved(Container parent, Object child) {
    }

    private void look(AbstractConnector connector) {
        if (!connector.isRunning()) {
            return;
        }
        long now = System.nanoTime();
        watched.forEach((connection, last) -> {
            if (connection.getEndPoint().getConnection() != connection || !connection.getEndPoint().isOpen()) {
                watched.remove(connection); // upgraded to a WebSocket (the socket's own rules apply now), or gone
            } else {
                watched.put(connection, next(connection, last, now));
            }
        });
        connector.getScheduler().schedule(() -> look(connector), 1, TimeUnit.SECONDS);
    }

    private Progress next(Connection connection, Progress last, long now) {
        long requests = connection.getMessagesIn();
        long bytes = connection.getBytesIn();
        if (requests != last.requests()) {
            return new Progress(requests, bytes, 0); // one arrived; the idle timeout waits for the next
        }
        if (last.arrivingSince() == 0) {
            return bytes > last.bytes() ? new Progress(requests, last.bytes(), now) : last; // the next one has begun
        }
        if (now - last.arrivingSince() > headerTimeout.toNanos()) {
            closedSlow.incrementAndGet();
            connection.getEndPoint().close();
        }
        return last;
    }
}
