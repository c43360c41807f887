package dev.servicebot.gateway;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.util.component.Container;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * No HTTP request takes longer than the deadline to arrive, and no HTTP connection sits idle for
 * longer than the idle timeout. A client that trickles a request's headers a byte at a time
 * (slowloris) never goes idle, so the idle timeout alone would let it hold a connection for ever:
 * each connector's connections are looked at once a second, and one that has been sending the next
 * request's headers for longer than the deadline is closed. A body is Jetty's to time: it must arrive
 * at {@value #MIN_BODY_BYTES_PER_SECOND} bytes a second at least. Added to a Jetty server as a
 * listener, it configures each connector as the server adds it, before it accepts anything.
 */
final class RequestDeadline implements Container.Listener {
    /** Far below any real client's rate, far above a trickle; bodies here are small JSON. */
    static final long MIN_BODY_BYTES_PER_SECOND = 256;

    private final Duration requestTimeout;
    private final Duration idleTimeout;
    private final AtomicLong closedSlow = new AtomicLong();

    /**
     * Where a connection stood at the last look: requests and bytes received, and since when the
     * next request's headers have been arriving (0 while none is).
     */
    private record Progress(long requests, long bytes, long arrivingSince) {
    }

    RequestDeadline(Duration requestTimeout, Duration idleTimeout) {
        this.requestTimeout = requestTimeout;
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
            HttpConnectionFactory http = connector.getConnectionFactory(HttpConnectionFactory.class);
            HttpConfiguration configuration = http.getHttpConfiguration();
            configuration.setMinRequestDataRate(MIN_BODY_BYTES_PER_SECOND);
            Map<Connection, Progress> watched = new ConcurrentHashMap<>();
            // On the HTTP/1.1 factory, not the connector: a WebSocket's connection, made by the upgrade, is not watched.
            http.addEventListener(new Connection.Listener() {
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
                    connector.getScheduler().schedule(() -> look(connector, watched), 1, TimeUnit.SECONDS);
                }
            });
        }
    }

    @Override
    public void beanRemoved(Container parent, Object child) {
    }

    private void look(AbstractConnector connector, Map<Connection, Progress> watched) {
        try {
            long now = System.nanoTime();
            watched.forEach((connection, last) -> {
                if (connection.getEndPoint().getConnection() != connection || !connection.getEndPoint().isOpen()) {
                    watched.remove(connection); // upgraded to a WebSocket (the socket's own rules apply now), or gone
                } else {
                    watched.put(connection, next(connection, last, now));
                }
            });
        } finally {
            // Whatever one look met, the next one comes: a failed look must not end the defence.
            if (connector.isRunning()) {
                connector.getScheduler().schedule(() -> look(connector, watched), 1, TimeUnit.SECONDS);
            }
        }
    }

    private Progress next(Connection connection, Progress last, long now) {
        long requests = connection.getMessagesIn(); // counted when a request's headers are complete
        long bytes = connection.getBytesIn();
        if (requests != last.requests() || connection.getMessagesOut() < requests) {
            // A request's headers came in, or an exchange is under way (its body, or its handler):
            // the next request has not begun.
            return new Progress(requests, bytes, 0);
        }
        if (last.arrivingSince() == 0) {
            return bytes > last.bytes() ? new Progress(requests, last.bytes(), now) : last; // the next one has begun
        }
        if (now - last.arrivingSince() > requestTimeout.toNanos()) {
            closedSlow.incrementAndGet();
            connection.getEndPoint().close();
        }
        return last;
    }
}
