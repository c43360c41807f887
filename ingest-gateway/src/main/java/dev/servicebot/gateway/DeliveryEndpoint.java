package dev.servicebot.gateway;

import dev.servicebot.topics.InvalidRecordException;
import dev.servicebot.topics.Json;
import dev.servicebot.topics.delivery.DeliveryContract;
import dev.servicebot.topics.delivery.DeliveryContract.Delivery;
import dev.servicebot.topics.delivery.DeliveryContract.OpenConnection;
import dev.servicebot.topics.delivery.DeliveryContract.Outcome;
import dev.servicebot.topics.delivery.DeliveryContract.Result;
import dev.servicebot.topics.delivery.DeliveryContract.Status;
import dev.servicebot.topics.model.Reply;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.websocket.WsCloseStatus;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The notifier's way in, the gateway's side of {@link DeliveryContract} (routes, statuses and bodies
 * are defined there): POST writes a reply to a socket, GET describes it, DELETE closes it; POST to
 * the batch route pushes many. Internal port only, and every call must carry the shared secret.
 */
public final class DeliveryEndpoint {
    private static final Map<String, String> CONNECTION_GONE = Map.of("error", "connection gone");

    private final LiveConnections connections;
    private final byte[] secret;

    public DeliveryEndpoint(LiveConnections connections, String secret) {
        this.connections = connections;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    public void requireSecret(Context ctx) {
        String given = ctx.header(DeliveryContract.SECRET_HEADER);
        if (given == null || !MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8))) {
            throw refused(Status.UNAUTHORIZED, "missing or wrong " + DeliveryContract.SECRET_HEADER);
        }
    }

    public void post(Context ctx) {
        Reply reply;
        try {
            reply = Json.parse(ctx.bodyAsBytes(), Reply.class);
        } catch (InvalidRecordException e) {
            throw refused(Status.INVALID, e.getMessage());
        }
        Outcome outcome = push(ctx.pathParam(DeliveryContract.CONNECTION_ID), reply);
        ctx.status(outcome.status().code()); // the status a batch's outcome stands for, so the two routes agree
        switch (outcome) { // push never answers unknown, which is only for reading a newer gateway's results
            case delivered -> ctx.json(Map.of("delivered", true));
            case gone -> ctx.json(CONNECTION_GONE);
            case forbidden -> ctx.json(Map.of("error", "reply is for another customer"));
        }
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
            throw refused(Status.INVALID, e.getMessage());
        }
        List<Result> results = new ArrayList<>(batch.length);
        for (Delivery delivery : batch) {
            if (delivery == null || delivery.connectionId() == null || delivery.reply() == null) {
                throw refused(Status.INVALID, "every delivery needs a connectionId and a reply");
            }
            try {
                delivery.reply().requireValid();
            } catch (InvalidRecordException e) {
                throw refused(Status.INVALID, e.getMessage());
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
            return Outcome.gone;
        }
        if (!live.get().customerId().equals(reply.customerId())) {
            return Outcome.forbidden; // a reply only ever goes to the customer it is for
        }
        if (live.get().pushed().firstTime(reply.messageId())) {
            ChatSocket.send(live.get().socket(), Frames.ReplyFrame.of(reply));
        } // else the socket has it already: delivered, and not written twice
        return Outcome.delivered;
    }

    public void get(Context ctx) {
        var live = connections.get(ctx.pathParam(DeliveryContract.CONNECTION_ID));
        if (live.isEmpty()) {
            ctx.status(Status.GONE.code()).json(CONNECTION_GONE);
            return;
        }
        ctx.json(new OpenConnection(live.get().connectionId(), live.get().customerId(), live.get().connectedAt().toString()));
    }

    public void delete(Context ctx) {
        var live = connections.get(ctx.pathParam(DeliveryContract.CONNECTION_ID));
        if (live.isEmpty()) {
            ctx.status(Status.GONE.code()).json(CONNECTION_GONE);
            return;
        }
        live.get().socket().closeSession(WsCloseStatus.NORMAL_CLOSURE, "closed by the service");
        ctx.status(Status.CLOSED.code());
    }

    /** Javalin answers it with the status and the reason, as it does its own BadRequestResponse and the like. */
    private static HttpResponseException refused(Status status, String reason) {
        return new HttpResponseException(status.code(), reason);
    }
}
