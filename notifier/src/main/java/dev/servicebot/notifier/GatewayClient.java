package dev.servicebot.notifier;

import dev.servicebot.topics.Json;
import dev.servicebot.topics.delivery.DeliveryContract;
import dev.servicebot.topics.delivery.DeliveryContract.Delivery;
import dev.servicebot.topics.delivery.DeliveryContract.Result;
import dev.servicebot.topics.delivery.DeliveryContract.Status;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * Pushes replies to connections through the gateways that hold them, many per request where it can.
 * Each gateway gets a bounded number of calls in flight and short timeouts; failures are retried a few times with backoff and
 * jitter, and a gateway that keeps failing is skipped for a while, so one dead gateway never slows
 * deliveries to the others and nothing is retried forever.
 */
public final class GatewayClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GatewayClient.class);
    static final int ATTEMPTS = 4;
    static final int PER_GATEWAY_IN_FLIGHT = 16;
    static final int BREAKER_FAILURES = 5;
    static final Duration BREAKER_OPEN = Duration.ofSeconds(5);

    /** What became of a push, as the notifier settles it: FAILED covers no answer as well as a refusal. */
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
    private final TrustedGateways trusted;
    private final Set<String> refusedLogged = ConcurrentHashMap.newKeySet();
    private final MeterRegistry metrics;

    /** Per-gateway limits and health. */
    private static final class Gateway {
        final Semaphore inFlight = new Semaphore(PER_GATEWAY_IN_FLIGHT);
        final AtomicInteger consecutiveFailures = new AtomicInteger();
        final AtomicLong openUntil = new AtomicLong();
    }

    public GatewayClient(String secret, TrustedGateways trusted, MeterRegistry metrics) {
        this.secret = secret;
        this.trusted = trusted;
        this.metrics = metrics;
    }

    /** One reply for one connection. */
    public record Push(Connection connection, Reply reply) {
    }

    /** The deliveries of one batch request at most: bounded so one request stays well under the timeout. */
    static final int MAX_BATCH = 500;

    /**
     * Many replies through the gateway at {@code base} ({@code http://host:port}), in order, one request
     * per {@value #MAX_BATCH}; the outcomes in the order of {@code pushes}. A gateway without the batch
     * endpoint (an older version) gets them one by one.
     */
    public CompletableFuture<List<Outcome>> deliverAll(String base, List<Push> pushes) {
        if (!trusted.trusts(base)) {
            // Not one of ours: the secret is never sent there. Failed, not gone: the record is not ours to delete either.
            metrics.counter("servicebot.notifier.untrusted_gateway").increment(pushes.size());
            if (refusedLogged.add(base)) {
                log.warn("not delivering to {}: not in {} (a connection record names it)", base, TrustedGateways.ENVIRONMENT);
            }
            return CompletableFuture.completedFuture(pushes.stream().map(p -> Outcome.FAILED).toList());
        }
        return CompletableFuture.supplyAsync(() -> {
            List<Outcome> outcomes = new ArrayList<>(pushes.size());
            for (int from = 0; from < pushes.size(); from += MAX_BATCH) {
                outcomes.addAll(deliverBatch(base, pushes.subList(from, Math.min(pushes.size(), from + MAX_BATCH))));
            }
            return outcomes;
        }, workers);
    }

    /** The gateway a connection's delivery URL points at, as {@code scheme://host:port}. */
    public static String gatewayOf(Connection connection) {
        URI uri = URI.create(connection.deliveryUrl());
        return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
    }

    private List<Outcome> deliverBatch(String base, List<Push> pushes) {
        URI uri = URI.create(base + DeliveryContract.DELIVERIES);
        byte[] body = Json.write(pushes.stream().map(p -> new Delivery(p.connection().connectionId(), p.reply())).toList());
        Response response = exchange(gateway(uri), uri, body);
        if (response != null && response.status() == Status.OK.code()) {
            try {
                Result[] results = Json.MAPPER.readValue(response.body(), Result[].class);
                if (results.length == pushes.size()) {
                    return java.util.Arrays.stream(results).map(r -> switch (r.outcome()) {
                        case delivered -> Outcome.DELIVERED;
                        case gone -> Outcome.GONE;
                        case forbidden, unknown -> Outcome.FAILED;
                    }).toList();
                }
            } catch (java.io.IOException e) {
                log.warn("gateway {} answered a batch with unreadable results: {}", base, e.getMessage());
            }
        } else if (response != null && response.status() == Status.NOT_FOUND.code()) { // an older gateway: no batch route
            return pushes.stream().map(p -> deliverNow(p.connection(), p.reply())).toList();
        } else if (response != null) {
            log.warn("gateway {} refused a batch of {}: status {}", base, pushes.size(), response.status());
        }
        return pushes.stream().map(p -> Outcome.FAILED).toList();
    }

    private Outcome deliverNow(Connection connection, Reply reply) {
        String address = connection.deliveryUrl();
        if (address == null) {
            return Outcome.FAILED;
        }
        URI uri = URI.create(address);
        Response response = exchange(gateway(uri), uri, Json.write(reply));
        if (response == null) {
            return Outcome.FAILED;
        }
        int status = response.status();
        if (status == Status.OK.code()) {
            return Outcome.DELIVERED;
        }
        if (status == Status.GONE.code() || status == Status.NOT_FOUND.code()) {
            return Outcome.GONE;
        }
        log.warn("delivery refused messageId={} connectionId={} status={}", reply.messageId(), connection.connectionId(), status);
        return Outcome.FAILED;
    }

    private Gateway gateway(URI uri) {
        return gateways.computeIfAbsent(uri.getHost() + ":" + uri.getPort(), k -> new Gateway());
    }

    private record Response(int status, byte[] body) {
    }

    /**
     * POSTs {@code body}, retrying what may pass on a second try (no answer, 5xx, 429) with backoff and
     * jitter, and not at all while the gateway's breaker is open. Returns the answer, or null if none came.
     */
    private Response exchange(Gateway gateway, URI uri, byte[] body) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (System.currentTimeMillis() < gateway.openUntil.get()) {
                return null; // this gateway keeps failing: do not wait on it
            }
            Response response = send(gateway, uri, body);
            if (response.status() >= 200 && response.status() < 500 && response.status() != 429) {
                gateway.consecutiveFailures.set(0);
                return response;
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
        return null;
    }

    /** The answer, or status 0 when the gateway could not be reached in time. */
    private Response send(Gateway gateway, URI uri, byte[] body) {
        boolean acquired = false;
        try {
            acquired = gateway.inFlight.tryAcquire(1, TimeUnit.SECONDS);
            if (!acquired) {
                return new Response(0, null);
            }
            HttpPost post = new HttpPost(uri);
            post.setHeader(DeliveryContract.SECRET_HEADER, secret);
            post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
            try (CloseableHttpResponse response = http.execute(post)) {
                byte[] answer = response.getEntity() == null ? null : EntityUtils.toByteArray(response.getEntity());
                return new Response(response.getStatusLine().getStatusCode(), answer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(0, null);
        } catch (Exception e) {
            return new Response(0, null);
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
