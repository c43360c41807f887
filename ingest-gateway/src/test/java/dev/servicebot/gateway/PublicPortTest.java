package dev.servicebot.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicebot.devstack.DevStack;
import dev.servicebot.devstack.DevStackExtension;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the internet-facing port does with browsers and slow clients: origins, page headers, request deadlines. */
@ExtendWith(DevStackExtension.class)
class PublicPortTest {
    private static final Duration HEADER_TIMEOUT = Duration.ofMillis(1500);
    private static GatewayServer gateway;
    private static int port;

    @BeforeAll
    static void start(DevStack stack) {
        gateway = GatewayServer.start(GatewayHarness.config(stack, stack.bootstrapServers(), Map.of(
                "SERVICEBOT_HTTP_HEADER_TIMEOUT_MS", Long.toString(HEADER_TIMEOUT.toMillis()),
                "SERVICEBOT_HTTP_IDLE_TIMEOUT_MS", "3000",
                "SERVICEBOT_ALLOWED_ORIGINS", "https://chat.example.com, https://partner.example.com/")), stack.dynamo());
        port = gateway.publicPort();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void onlyTheGatewaysOwnPagesAndListedOriginsMayOpenASocket() {
        String chat = "/chat?token=" + GatewayHarness.token("cust_001");
        assertThat(upgrade(chat, null)).as("not a browser: the token decides").isEqualTo(101);
        assertThat(upgrade(chat, "http://127.0.0.1:" + port)).as("the gateway's own page").isEqualTo(101);
        assertThat(upgrade(chat, "https://chat.example.com")).isEqualTo(101);
        assertThat(upgrade(chat, "https://partner.example.com")).isEqualTo(101);
        assertThat(upgrade(chat, "https://evil.example")).isEqualTo(403);
        assertThat(upgrade(chat, "https://chat.example.com.evil.example")).isEqualTo(403);
        assertThat(upgrade(chat, "http://127.0.0.1:" + (port + 1))).as("another port is another origin").isEqualTo(403);
        assertThat(upgrade(chat, "null")).as("a sandboxed frame or a file").isEqualTo(403);
        String agent = "/agent/socket?token=" + new DevTokens(GatewayConfig.DEV_SECRET).issueAgent("agent_001", "Sam Rivera", Duration.ofMinutes(5));
        assertThat(upgrade(agent, "https://evil.example")).isEqualTo(403);
        assertThat(upgrade(agent, "http://127.0.0.1:" + port)).isEqualTo(101);
    }

    @Test
    void pagesAndApiAnswersCarrySecurityHeaders() throws Exception {
        for (String path : new String[]{"/", "/index.html", "/app.js", "/agent.html", "/api/me", "/health"}) {
            var response = GatewayHarness.get(port, path, Map.of());
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(path).hasValueSatisfying(csp ->
                    assertThat(csp).contains("default-src 'self'", "frame-ancestors 'none'", "object-src 'none'"));
            assertThat(response.headers().firstValue("X-Frame-Options")).as(path).contains("DENY");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
            assertThat(response.headers().firstValue("Referrer-Policy")).as(path).contains("no-referrer");
        }
    }

    @Test
    void aClientThatTricklesItsHeadersIsCutOff() throws Exception {
        try (Socket slow = new Socket("127.0.0.1", port)) {
            slow.setSoTimeout(10_000);
            OutputStream out = slow.getOutputStream();
            InputStream in = slow.getInputStream();
            long started = System.nanoTime();
            out.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            // One header byte every 300 ms: never idle, never done.
            boolean closed = false;
            for (int i = 0; i < 30 && !closed; i++) {
                Thread.sleep(300);
                try {
                    out.write('X');
                    out.flush();
                } catch (java.io.IOException e) {
                    closed = true;
                }
                if (!closed && in.available() == 0 && slowClosed(slow)) {
                    closed = true;
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            assertThat(closed).as("closed after %.1f s", seconds).isTrue();
            assertThat(seconds).isLessThan(HEADER_TIMEOUT.toMillis() / 1000.0 + 3);
        }
    }

    @Test
    void aSocketOutlivesTheHeaderDeadline() throws Exception {
        try (ChatClient client = ChatClient.connect(port, GatewayHarness.token("cust_002"))) {
            client.next("connected");
            Thread.sleep(HEADER_TIMEOUT.toMillis() + 1000);
            client.send(Map.of("action", "ping"));
            assertThat(client.next("pong")).isNotNull();
        }
    }

    /** Whether the server has closed its end: a read returns end of stream instead of waiting. */
    private static boolean slowClosed(Socket socket) throws Exception {
        socket.setSoTimeout(1);
        try {
            return socket.getInputStream().read() == -1;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.io.IOException e) {
            return true;
        } finally {
            socket.setSoTimeout(10_000);
        }
    }

    private static int upgrade(String pathAndQuery, String origin) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (origin != null) {
            builder.header("Origin", origin);
        }
        try {
            builder.buildAsync(URI.create("ws://127.0.0.1:" + port + pathAndQuery), new WebSocket.Listener() {
            }).join().abort();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }
}
