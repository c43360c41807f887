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
    private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(1500);
    private static GatewayServer gateway;
    private static int port;

    @BeforeAll
    static void start(DevStack stack) {
        gateway = GatewayServer.start(GatewayHarness.config(stack, stack.bootstrapServers(), Map.of(
                "SERVICEBOT_HTTP_REQUEST_TIMEOUT_MS", Long.toString(REQUEST_TIMEOUT.toMillis()),
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
    void aMalformedOriginIsARefusalNotAnError() {
        String chat = "/chat?token=" + GatewayHarness.token("cust_001");
        assertThat(upgrade(chat, "//127.0.0.1:" + port)).isEqualTo(403);
        assertThat(upgrade(chat, "http://")).isEqualTo(403);
        assertThat(upgrade(chat, "not an origin")).isEqualTo(403);
    }

    @Test
    void inDevModeAPageUnderAnotherNameIsRefusedEvenWhenItResolvesHere() throws Exception {
        // DNS rebinding: evil.example made to resolve to 127.0.0.1, so the browser sends its own name as Host.
        assertThat(rawStatus("POST /dev/token HTTP/1.1\r\nHost: evil.example:" + port + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: 25\r\nConnection: close\r\n\r\n{\"customerId\":\"cust_001\"}")).isEqualTo(403);
        assertThat(rawStatus("GET /chat?token=" + GatewayHarness.token("cust_001") + " HTTP/1.1\r\nHost: evil.example:" + port
                + "\r\nOrigin: http://evil.example:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")).isEqualTo(403);
        assertThat(rawStatus("GET /health HTTP/1.1\r\nHost: localhost:" + port + "\r\nConnection: close\r\n\r\n")).isEqualTo(200);
        assertThat(rawStatus("GET /health HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")).isEqualTo(200);
    }

    /** The status of one raw HTTP/1.1 request (the JDK's client will not send another Host). */
    private static int rawStatus(String request) throws Exception {
        try (Socket client = new Socket("127.0.0.1", port)) {
            client.setSoTimeout(10_000);
            client.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String line = new String(client.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(line.substring(9, 12));
        }
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
    void theErrorPagesJettyWritesItselfCarryThemToo() throws Exception {
        try (Socket client = new Socket("127.0.0.1", port)) {
            client.setSoTimeout(10_000);
            client.getOutputStream().write(("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(client.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(answer).startsWith("HTTP/1.1 431").contains("Content-Security-Policy: default-src 'self'",
                    "X-Frame-Options: DENY", "X-Content-Type-Options: nosniff");
        }
    }

    @Test
    void aClientThatTricklesItsHeadersIsCutOff() throws Exception {
        try (Socket slow = new Socket("127.0.0.1", port)) {
            slow.getOutputStream().write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            assertCutOffWithinTheDeadline(slow);
        }
    }

    @Test
    void aKeptAliveConnectionThatTricklesItsNextRequestIsCutOff() throws Exception {
        try (Socket slow = new Socket("127.0.0.1", port)) {
            slow.setSoTimeout(10_000);
            slow.getOutputStream().write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String first = new String(slow.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(first).as("the first request is answered").startsWith("HTTP/1.1 ");
            slow.getOutputStream().write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            assertCutOffWithinTheDeadline(slow);
        }
    }

    @Test
    void aBodyTrickledAByteAtATimeIsCutOff() throws Exception {
        try (Socket slow = new Socket("127.0.0.1", port)) {
            slow.getOutputStream().write(("POST /dev/token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            assertCutOffWithinTheDeadline(slow);
        }
    }

    /** One more byte every 300 ms, so the connection is never idle, until the gateway closes it. */
    private static void assertCutOffWithinTheDeadline(Socket slow) throws Exception {
        long started = System.nanoTime();
        OutputStream out = slow.getOutputStream();
        boolean closed = false;
        for (int i = 0; i < 40 && !closed; i++) {
            Thread.sleep(300);
            try {
                out.write('X');
                out.flush();
            } catch (java.io.IOException e) {
                closed = true;
            }
            if (!closed && serverClosed(slow)) {
                closed = true;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(closed).as("closed after %.1f s", seconds).isTrue();
        assertThat(seconds).isLessThan(REQUEST_TIMEOUT.toMillis() / 1000.0 + 3);
    }

    @Test
    void aSocketOutlivesTheHeaderDeadline() throws Exception {
        try (ChatClient client = ChatClient.connect(port, GatewayHarness.token("cust_002"))) {
            client.next("connected");
            Thread.sleep(REQUEST_TIMEOUT.toMillis() + 1000);
            client.send(Map.of("action", "ping"));
            assertThat(client.next("pong")).isNotNull();
        }
    }

    /** Whether the server has closed its end: a read returns end of stream (or the rest of an answer, then that) instead of waiting. */
    private static boolean serverClosed(Socket socket) throws Exception {
        socket.setSoTimeout(1);
        try {
            while (socket.getInputStream().read() != -1) {
                // what is left of an earlier answer
            }
            return true;
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
