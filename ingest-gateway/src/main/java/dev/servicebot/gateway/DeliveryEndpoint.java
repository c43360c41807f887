package dev.servicebot.gateway;

import com.fasterxml.jackson.annotation.JsonProperty;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The notifier's way in, modelled on API Gateway's {@code @connections}: POST writes a reply to a
 * socket, GET describes it, DELETE closes it; 410 when the connection is gone. POST to
 * {@code /internal/deliveries} pushes a batch. Internal port only,
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
        switch (push(ctx.pathParam("connectionId"), reply)) {
            case DELIVERED -> ctx.json(Map.of("delivered", true));
            case GONE -> ctx.status(HttpStatus.GONE).json(Map.of("error", "connection gone"));
            case FORBIDDEN -> ctx.status(HttpStatus.FORBIDDEN).json(Map.of("error", "reply is for another customer"));
        }
    }

    /** One reply for one connection, as the notifier sends many in one request. */
    public record Delivery(String connectionId, Reply reply) {
    }

    /** What became of one delivery of a batch. */
    public record Result(String connectionId, String messageId, Outcome outcome) {
    }

    public enum Outcome {
        @JsonProperty("delivered") DELIVERED,
        @JsonProperty("gone") GONE,
        @JsonProperty("forbidden") FORBIDDEN
    }

    /**
     * Many deliveries in one request, pushed in the order given (so a customer's replies stay in
     * order); the answer says, per delivery, what became of it. One HTTP round trip for a whole
     * batch is what lets one notifier keep up with thousands of replies a second.
     */
    public void postBatch(Context ctx) {
        Delivery[] batch;
        try {
            batch = Json.parse(ctx.bodyAsBytes(), Delivery[].class);
        } catch (InvalidRecordException e) {
            throw new BadRequestResponse(e.getMessage());
        }
        List<Result> results = new ArrayList<>(batch.length);
        for (Delivery delivery : batch) {
            if (delivery == null || delivery.connectionId() == null || delivery.reply() == null) {
                throw new BadRequestResponse("every delivery needs a connectionId and a reply");
            }
            try {
                delivery.reply().requireValid();
            } catch (InvalidRecordException e) {
                throw new BadRequestResponse(e.getMessage());
            }
        }
        for (Delivery delivery : batch) {
            results.add(new Result(delivery.connectionId(), delivery.reply().messageId(), push(delivery.connectionId(), delivery.reply())));
        }
        ctx.json(results);
    }

    private Outcome push(String connectionId, Reply reply) {
        var live = connections.get(connectionId);
        if (live.isEmpty()) {
            return Outcome.GONE;
        }
        if (!live.get().customerId().equals(reply.customerId())) {
            return Outcome.FORBIDDEN; // a reply only ever goes to the customer it is for
        }
        if (live.get().pushed().firstTime(reply.messageId())) {
            ChatSocket.send(live.get().socket(), Frames.ReplyFrame.of(reply));
        } // else the socket has it already: delivered, and not written twice
        return Outcome.DELIVERED;
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
