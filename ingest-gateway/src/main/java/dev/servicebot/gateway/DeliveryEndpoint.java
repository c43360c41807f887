package dev.servicebot.gateway;

import dev.servicebot.topics.InvalidRecordException;
import dev.servicebot.topics.Json;
import dev.servicebot.topics.model.Reply;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.websocket.WsCloseStatus;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The notifier's way in, modelled on API Gateway's {@code @connections}: POST writes a reply to a
 * socket, GET describes it, DELETE closes it; 410 when the connection is gone. Internal port only,
 * and every call must carry the shared secret.
 */
public final class DeliveryEndpoint {
    public static final String SECRET_HEADER = "X-Servicebot-Secret";

    private final LiveConnections connections;
    private final byte[] secret;

    public DeliveryEndpoint(LiveConnections connections, String secret) {
        this.connections = connections;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    public void requireSecret(Context ctx) {
        String given = ctx.header(SECRET_HEADER);
        if (given == null || !MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8))) {
            throw new UnauthorizedResponse("missing or wrong " + SECRET_HEADER);
        }
    }

    public void post(Context ctx) {
        Reply reply;
        try {
            reply = Json.parse(ctx.bodyAsBytes(), Reply.class);
        } catch (InvalidRecordException e) {
            throw new BadRequestResponse(e.getMessage());
        }
        var live = connections.get(ctx.pathParam("connectionId"));
        if (live.isEmpty()) {
            ctx.status(HttpStatus.GONE).json(Map.of("error", "connection gone"));
            return;
        }
        if (!live.get().customerId().equals(reply.customerId())) {
            // A reply only ever goes to the customer it is for.
            ctx.status(HttpStatus.FORBIDDEN).json(Map.of("error", "reply is for another customer"));
            return;
        }
        ChatSocket.send(live.get().socket(), Frames.ReplyFrame.of(reply));
        ctx.json(Map.of("delivered", true));
    }

    public void get(Context ctx) {
        var live = connections.get(ctx.pathParam("connectionId"));
        if (live.isEmpty()) {
            ctx.status(HttpStatus.GONE).json(Map.of("error", "connection gone"));
            return;
        }
        ctx.json(Map.of("connectionId", live.get().connectionId(), "customerId", live.get().customerId(),
                "connectedAt", live.get().connectedAt().toString()));
    }

    public void delete(Context ctx) {
        var live = connections.get(ctx.pathParam("connectionId"));
        if (live.isEmpty()) {
            ctx.status(HttpStatus.GONE).json(Map.of("error", "connection gone"));
            return;
        }
        live.get().socket().closeSession(WsCloseStatus.NORMAL_CLOSURE, "closed by the service");
        ctx.status(HttpStatus.NO_CONTENT);
    }
}
