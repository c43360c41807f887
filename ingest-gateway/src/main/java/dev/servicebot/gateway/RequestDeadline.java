package dev.servicebot.gateway;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.util.component.Container;

/**
 * No HTTP connection stays open for long without sending a request: each connector gets an idle
 * timeout, and a new connection that has not sent one whole request within the header deadline is
 * closed. A client that trickles its headers a byte at a time (slowloris) never goes idle, so the idle
 * timeout alone would let it stay. Added to a Jetty server as a listener; it configures each connector
 * as the server adds it, before it accepts anything.
 */
final class RequestDeadline implements Container.Listener {
    private final Duration headerTimeout;
    private final Duration idleTimeout;
    private final AtomicLong closedSlow = new AtomicLong();

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
                    connector.getScheduler().schedule(() -> closeIfNoRequest(connection), headerTimeout.toMillis(), TimeUnit.MILLISECONDS);
                }
            });
        }
    }

    @Override
    public void beanRemoved(Container parent, Object child) {
    }

    private void closeIfNoRequest(Connection connection) {
        // A connection that has had a request (a WebSocket upgrade counts) is the idle timeout's business from then on.
        if (connection.getMessagesIn() == 0 && connection.getEndPoint().isOpen()) {
            closedSlow.incrementAndGet();
            connection.getEndPoint().close();
        }
    }
}
