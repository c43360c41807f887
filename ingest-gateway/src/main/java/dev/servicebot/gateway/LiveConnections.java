package dev.servicebot.gateway;

import io.javalin.websocket.WsContext;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The sockets this gateway holds, by connection id: where the notifier's deliveries go. */
public final class LiveConnections {

    /** One open socket, whom it belongs to, and the replies it already has. */
    public record Live(String connectionId, String customerId, Instant connectedAt, WsContext socket, PushedReplies pushed) {
        Live(String connectionId, String customerId, Instant connectedAt, WsContext socket) {
            this(connectionId, customerId, connectedAt, socket, new PushedReplies());
        }
    }

    private final Map<String, Live> byId = new ConcurrentHashMap<>();

    void add(Live live) {
        byId.put(live.connectionId(), live);
    }

    void remove(String connectionId) {
        byId.remove(connectionId);
    }

    public Optional<Live> get(String connectionId) {
        return Optional.ofNullable(byId.get(connectionId)).filter(l -> l.socket().session.isOpen());
    }

    public int count() {
        return byId.size();
    }
}
