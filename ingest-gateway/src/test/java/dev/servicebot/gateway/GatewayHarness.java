package dev.servicebot.gateway;

import dev.servicebot.devstack.DevStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** A gateway on free ports against the devstack, in dev mode, with a short ack timeout. */
final class GatewayHarness {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static GatewayConfig config(DevStack stack, String bootstrap, Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(Map.of(
                "SERVICEBOT_GATEWAY_PORT", "0",
                "SERVICEBOT_GATEWAY_INTERNAL_PORT", "0",
                "SERVICEBOT_KAFKA_BOOTSTRAP", bootstrap,
                "SERVICEBOT_DYNAMO_ENDPOINT", stack.dynamoEndpoint().toString(),
                "SERVICEBOT_ENV", stack.tables().environment(),
                "SERVICEBOT_DEV_MODE", "true",
                "SERVICEBOT_ACK_TIMEOUT_MS", "2000"));
        env.putAll(overrides);
        return GatewayConfig.fromEnvironment(env);
    }

    static GatewayServer start(DevStack stack) {
        return GatewayServer.start(config(stack, stack.bootstrapServers(), Map.of()), stack.dynamo());
    }

    static String token(String customerId) {
        return new DevTokens(GatewayConfig.DEV_SECRET).issue(customerId, Duration.ofMinutes(10));
    }

    static HttpResponse<String> get(int port, String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The status /health reaches within 10 s (its checks are probed in the background every half second),
     * or the last one it gave.
     */
    static int healthWithin10s(int port, int expected) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        int status;
        do {
            status = get(port, "/health", Map.of()).statusCode();
            if (status == expected) {
                return status;
            }
            Thread.sleep(100);
        } while (System.currentTimeMillis() < deadline);
        return status;
    }

    static HttpResponse<String> send(String method, int port, String path, Map<String, String> headers, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The HTTP status of an upgrade of the customer socket: 101 when accepted, else the refusal's status. */
    static int upgradeStatus(int port, String query) {
        return ChatClient.upgradeStatus(port, "/chat" + query);
    }
}
