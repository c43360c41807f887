package dev.servicebot.topics.delivery;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import dev.servicebot.topics.model.Reply;
import java.util.List;

/**
 * The gateway's internal delivery API, which the notifier calls: the routes, the secret header, the
 * answers and the bodies. The gateway serves it and the notifier calls it from these names, and
 * {@code docs/topics.md} documents it from them, so the two sides cannot drift apart. Modelled on
 * API Gateway's {@code @connections}.
 */
public final class DeliveryContract {
    /** Every call carries the shared secret (SERVICEBOT_INTERNAL_SECRET) in this header. */
    public static final String SECRET_HEADER = "X-Servicebot-Secret";
    /** Every route is under it, so the gateway's secret check, made for all of it, covers each. */
    public static final String PREFIX = "/internal";
    public static final String ALL_ROUTES = PREFIX + "/*";
    public static final String CONNECTION_ID = "connectionId";
    /** One connection: POST a reply to push it, GET to describe it, DELETE to close it. */
    public static final String CONNECTION = PREFIX + "/connections/{" + CONNECTION_ID + "}";
    /** A batch: POST a list of {@link Delivery}, answered with a list of {@link Result}. */
    public static final String DELIVERIES = PREFIX + "/deliveries";

    private DeliveryContract() {
    }

    /** A connection's address on its gateway, as its record on the connections topic names it. */
    public static String connectionUrl(String gatewayBase, String connectionId) {
        return gatewayBase + CONNECTION.replace("{" + CONNECTION_ID + "}", connectionId);
    }

    /** The HTTP statuses of the internal port and what each means to the caller. */
    public enum Status {
        OK(200, "done: the reply pushed, the connection described, or a batch answered with a `Result` per delivery"),
        CLOSED(204, "the socket was closed (WebSocket close code 1000)"),
        INVALID(400, "the body is not a reply, or not a list of deliveries each with a `connectionId` and a valid reply;"
                + " nothing of such a batch is pushed"),
        UNAUTHORIZED(401, "the secret header is missing or wrong"),
        FORBIDDEN(403, "the reply is for another customer than the connection's: not pushed"),
        NOT_FOUND(404, "no such route: a gateway older than the batch route, so the notifier sends those replies one by one;"
                + " on a connection's route the notifier reads it as gone"),
        GONE(410, "no such connection on this gateway (it closed, or the gateway restarted): the notifier forgets it");

        private final int code;
        private final String meaning;

        Status(int code, String meaning) {
            this.code = code;
            this.meaning = meaning;
        }

        public int code() {
            return code;
        }

        public String meaning() {
            return meaning;
        }
    }

    /** One route: its method and path, what it does, and the statuses it answers besides 401. */
    public record Route(String method, String path, String does, List<Status> answers) {
    }

    public static final List<Route> ROUTES = List.of(
            new Route("POST", CONNECTION, "pushes the body, a reply (a `servicebot.chat.replies.v1` value), to the socket as a"
                    + " `reply` frame; answers `{\"delivered\": true}`", List.of(Status.OK, Status.FORBIDDEN, Status.GONE, Status.INVALID)),
            new Route("POST", DELIVERIES, "pushes a list of `Delivery` in the order given, so a customer's replies stay in order;"
                    + " answers a list of `Result`, one per delivery in the same order (what the notifier uses)",
                    List.of(Status.OK, Status.INVALID)),
            new Route("GET", CONNECTION, "describes the connection: answers an `OpenConnection`", List.of(Status.OK, Status.GONE)),
            new Route("DELETE", CONNECTION, "closes the socket", List.of(Status.CLOSED, Status.GONE)));

    /** One reply for one connection: an element of the batch route's body. */
    public record Delivery(String connectionId, Reply reply) {
    }

    /** What became of one delivery of a batch. */
    public record Result(String connectionId, String messageId, Outcome outcome) {
    }

    /** What the connection route's GET answers. {@code connectedAt} is an ISO-8601 instant. */
    public record OpenConnection(String connectionId, String customerId, String connectedAt) {
    }

    public enum Outcome {
        delivered(Status.OK, "pushed, or the socket had it already (a copy is not written twice)"),
        gone(Status.GONE, "no such connection on this gateway"),
        forbidden(Status.FORBIDDEN, "for another customer than the connection's: not pushed"),
        /** An outcome a newer gateway added; a reader counts it as not delivered. The gateway never answers it. */
        @JsonEnumDefaultValue unknown(null, "an outcome this reader does not know: not delivered");

        private final Status status;
        private final String meaning;

        Outcome(Status status, String meaning) {
            this.status = status;
            this.meaning = meaning;
        }

        /** The connection route's answer for the same outcome of a single reply; null for {@code unknown}. */
        public Status status() {
            return status;
        }

        public String meaning() {
            return meaning;
        }
    }
}
