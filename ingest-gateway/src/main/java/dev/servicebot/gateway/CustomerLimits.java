package dev.servicebot.gateway;

import dev.servicebot.topics.Deployment;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * No customer takes more than their share of a gateway: at most {@code connectionsPerCustomer} live
 * sockets, every frame within a per-connection and a per-customer rate (a {@code history} or
 * {@code resume} costs {@value #READ_COST} frames, since each reads DynamoDB), and messages within a
 * per-connection and a per-customer rate, so that opening more sockets does not multiply what one
 * customer may send or read. Counted per gateway instance.
 */
public final class CustomerLimits {
    /** What a history read costs against the frame rate: it queries DynamoDB, a ping or a message does not. */
    public static final int READ_COST = 5;

    /** The limits, from the environment (README configuration table). */
    public record Settings(int connectionsPerCustomer, int framesPerSecond, int frameBurst, int customerFramesPerSecond,
                           int customerFrameBurst, int messagesPerSecond, int messageBurst, int customerMessagesPerSecond,
                           int customerMessageBurst) {
        public static Settings fromEnvironment(Map<String, String> env) {
            return new Settings(
                    number(env, "SERVICEBOT_MAX_CONNECTIONS_PER_CUSTOMER", 10),
                    number(env, "SERVICEBOT_FRAME_RATE_PER_SECOND", 20),
                    number(env, "SERVICEBOT_FRAME_RATE_BURST", 40),
                    number(env, "SERVICEBOT_CUSTOMER_FRAME_RATE_PER_SECOND", 60),
                    number(env, "SERVICEBOT_CUSTOMER_FRAME_RATE_BURST", 120),
                    number(env, "SERVICEBOT_RATE_PER_SECOND", 10),
                    number(env, "SERVICEBOT_RATE_BURST", 20),
                    number(env, "SERVICEBOT_CUSTOMER_RATE_PER_SECOND", 30),
                    number(env, "SERVICEBOT_CUSTOMER_RATE_BURST", 60));
        }

        private static int number(Map<String, String> env, String name, int fallback) {
            int n = Integer.parseInt(Deployment.setting(env, name, Integer.toString(fallback)).trim());
            if (n < 1) {
                throw new IllegalStateException(name + " must be at least 1, not " + n);
            }
            return n;
        }
    }

    /** What a client is told when a message (an agent's claim, message or resolve) is over a message rate. */
    public String messageRateExceeded() {
        return "more than " + settings.messagesPerSecond() + " messages a second on this connection, or " + settings.customerMessagesPerSecond()
                + " on all of yours; slow down and resend";
    }

    /** What a client is told when a frame is over a frame rate. */
    public String frameRateExceeded() {
        return "more than " + settings.framesPerSecond() + " frames a second on this connection, or " + settings.customerFramesPerSecond()
                + " on all of yours (a history or resume counts " + READ_COST + "); slow down and send it again";
    }

    private final Settings settings;
    private final Map<String, Customer> customers = new ConcurrentHashMap<>();

    /** One customer's sockets on this gateway; changed only inside the map's compute, so counts never race. */
    private final class Customer {
        int connections;
        final Bucket frames = bucket(settings.customerFramesPerSecond(), settings.customerFrameBurst());
        final Bucket messages = bucket(settings.customerMessagesPerSecond(), settings.customerMessageBurst());
    }

    public CustomerLimits(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    /** A live socket's share: its own frame and message buckets and its customer's message bucket. */
    public final class Slot implements AutoCloseable {
        private final String customerId;
        private final Customer customer;
        private final Bucket frames = bucket(settings.framesPerSecond(), settings.frameBurst());
        private final Bucket messages = bucket(settings.messagesPerSecond(), settings.messageBurst());
        private boolean closed;

        private Slot(String customerId, Customer customer) {
            this.customerId = customerId;
            this.customer = customer;
        }

        /**
         * Whether a frame may be read at all: one token, taken before it is parsed, since a malformed
         * frame costs a parse and an error reply too.
         */
        public boolean frameArrived() {
            return frame(1);
        }

        /** Whether the parsed frame's action may run: the rest of its cost (a history read costs {@value #READ_COST} in all). */
        public boolean actionAllowed(String action) {
            int rest = ("history".equals(action) || "resume".equals(action) ? READ_COST : 1) - 1;
            return rest == 0 || frame(rest);
        }

        /** Within this socket's frame rate and its customer's. */
        private boolean frame(int cost) {
            return frames.tryConsume(cost) && customer.frames.tryConsume(cost);
        }

        /** Whether a message may be accepted now: within this socket's rate and its customer's, over all their sockets. */
        public boolean message() {
            return messages.tryConsume(1) && customer.messages.tryConsume(1);
        }

        /** Gives the connection back (idempotent). */
        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                customers.computeIfPresent(customerId, (id, c) -> --c.connections == 0 ? null : c);
            }
        }
    }

    /** A slot for a new socket of this customer, or empty when they already have the cap open here. */
    public Optional<Slot> open(String customerId) {
        Customer[] granted = new Customer[1];
        customers.compute(customerId, (id, c) -> {
            Customer customer = c == null ? new Customer() : c;
            if (customer.connections < settings.connectionsPerCustomer()) {
                customer.connections++;
                granted[0] = customer;
            }
            return customer;
        });
        return granted[0] == null ? Optional.empty() : Optional.of(new Slot(customerId, granted[0]));
    }

    /** A token bucket of {@code burst} tokens refilled at {@code perSecond}. */
    private static Bucket bucket(int perSecond, int burst) {
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1)).build()).build();
    }
}
