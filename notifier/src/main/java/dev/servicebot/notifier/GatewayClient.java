package dev.servicebot.notifier;

import dev.servicebot.topics.Json;
import dev.servicebot.topics.model.Connection;
import dev.servicebot.topics.model.Reply;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes a reply to one connection through the gateway that holds it. Each gateway gets a bounded
 * number of calls in flight and short timeouts; failures are retried a few times with backoff and
 * jitter, and a gateway that keeps failing is skipped for a while, so one dead gateway never slows
 * deliveries to the others and nothing is retried forever.
 */
public final class GatewayClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GatewayClient.class);
    public static final String SECRET_HEADER = "X-Servicebot-Secret";
    static final int ATTEMPTS = 4;
    static final int PER_GATEWAY_IN_FLIGHT = 16;
    static final int BREAKER_FAILURES = 5;
    static final Duration BREAKER_OPEN = Duration.ofSeconds(5);

    public enum Outcome { DELIVERED, GONE, FAILED }

    // Apache's pooled client: kept-alive connections with TCP_NODELAY (small POSTs must not wait on Nagle).
    private final CloseableHttpClient http = HttpClients.custom()
            .setMaxConnPerRoute(PER_GATEWAY_IN_FLIGHT)
            .setMaxConnTotal(256)
            .setDefaultRequestConfig(RequestConfig.custom().setConnectTimeout(1_000).setSocketTimeout(2_000)
                    .setConnectionRequestTimeout(1_000).build())
            .disableAutomaticRetries()
            .build();
    private final ExecutorService workers = Executors.newFixedThreadPool(32, r -> {
        Thread t = new Thread(r, "notifier-delivery");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Gateway> gateways = new ConcurrentHashMap<>();
    private final String secret;
    private final MeterRegistry metrics;

    /** Per-gateway limits and health. */
    private static final class Gateway {
        final Semaphore inFlight = new Semaphore(PER_GATEWAY_IN_FLIGHT);
        final AtomicInteger consecutiveFailures = new AtomicInteger();
        final AtomicLong openUntil = new AtomicLong();
    }

    public GatewayClient(String secret, MeterRegistry metrics) {
        this.secret = secret;
        this.metrics = metrics;
    }

    public CompletableFuture<Outcome> deliver(Connection connection, Reply reply) {
        return CompletableFuture.supplyAsync(() -> deliverNow(connection, reply), workers);
    }

    private Outcome deliverNow(Connection connection, Reply reply) {
        String address = connection.deliveryUrl();
        if (address == null) {
            return Outcome.FAILED;
        }
        URI uri = URI.create(address);
        Gateway gateway = gateways.computeIfAbsent(uri.getHost() + ":" + uri.getPort(), k -> new Gateway());
        byte[] body = Json.write(reply);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (System.currentTimeMillis() < gateway.openUntil.get()) {
                break; // this gateway keeps failing: do not wait on it
            }
            int status = send(gateway, uri, body);
            if (status == 200) {
                gateway.consecutiveFailures.set(0);
                return Outcome.DELIVERED;
            }
            if (status == 404 || status == 410) {
                gateway.consecutiveFailures.set(0);
                return Outcome.GONE;
            }
            if (status >= 400 && status < 500 && status != 429) {
                log.warn("delivery refused messageId={} connectionId={} status={}", reply.messageId(), connection.connectionId(), status);
                return Outcome.FAILED;
            }
            if (gateway.consecutiveFailures.incrementAndGet() >= BREAKER_FAILURES) {
                gateway.openUntil.set(System.currentTimeMillis() + BREAKER_OPEN.toMillis());
                log.warn("gateway {} failing; skipping it for {} s", uri.getHost() + ":" + uri.getPort(), BREAKER_OPEN.toSeconds());
            }
            if (attempt < ATTEMPTS) {
                metrics.counter("servicebot.notifier.retried").increment();
                sleep(ThreadLocalRandom.current().nextLong((100L << attempt) + 1));
            }
        }
        return Outcome.FAILED;
    }

    /** The HTTP status, or 0 when the gateway could not be reached in time. */
    private int send(Gateway gateway, URI uri, byte[] body) {
        boolean acquired = false;
        try {
            acquired = gateway.inFlight.tryAcquire(1, TimeUnit.SECONDS);
            if (!acquired) {
                return 0;
            }
            HttpPost post = new HttpPost(uri);
            post.setHeader(SECRET_HEADER, secret);
            post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
            try (CloseableHttpResponse response = http.execute(post)) {
                EntityUtils.consumeQuietly(response.getEntity());
                return response.getStatusLine().getStatusCode();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (Exception e) {
            return 0;
        } finally {
            if (acquired) {
                gateway.inFlight.release();
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
        try {
            http.close();
        } catch (java.io.IOException e) {
            log.debug("closing the HTTP client: {}", e.getMessage());
        }
    }
}
