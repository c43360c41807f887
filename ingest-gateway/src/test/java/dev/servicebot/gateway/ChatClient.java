package dev.servicebot.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.servicebot.topics.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A real WebSocket client (the JDK's) that collects the frames it receives. */
public final class ChatClient implements WebSocket.Listener, AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final Consumer<JsonNode> onFrame;
    private final WebSocket socket;

    private ChatClient(int port, String path, String token, Consumer<JsonNode> onFrame) {
        this.onFrame = onFrame;
        this.socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + path + "?token=" + token), this).join();
    }

    private ChatClient(int port, String token, Consumer<JsonNode> onFrame) {
        this(port, "/chat", token, onFrame);
    }

    /** A support agent's console socket ({@code /agent/socket}). */
    public static ChatClient agent(int port, String token) {
        return new ChatClient(port, "/agent/socket", token, null);
    }

    /** The HTTP status of a WebSocket upgrade of {@code pathAndQuery}: 101 when accepted, else the refusal's status. */
    public static int upgradeStatus(int port, String pathAndQuery) {
        try {
            java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(java.net.URI.create("ws://127.0.0.1:" + port + pathAndQuery), new WebSocket.Listener() {
                    }).join().abort();
            return 101;
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    public static ChatClient connect(int port, String token) {
        return new ChatClient(port, token, null);
    }

    /** A client that hands every frame to {@code onFrame} as it arrives instead of queueing it (load generation). */
    public static ChatClient connect(int port, String token, Consumer<JsonNode> onFrame) {
        return new ChatClient(port, token, onFrame);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                JsonNode frame = Json.MAPPER.readTree(partial.toString());
                if (onFrame != null) {
                    onFrame.accept(frame);
                } else {
                    frames.add(frame);
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("the server sent non-JSON: " + partial, e);
            }
            partial.setLength(0);
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        closed.complete(-1);
    }

    public void send(Object frame) {
        try {
            synchronized (socket) { // one outstanding send at a time, as the JDK client requires
                socket.sendText(frame instanceof String s ? s : Json.MAPPER.writeValueAsString(frame), true).join();
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    /** The next frame of this type (any type when null), skipping others; fails after the timeout. */
    public JsonNode next(String type, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode frame;
            try {
                frame = frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (frame == null) {
                throw new AssertionError("no '" + type + "' frame within " + timeout);
            }
            if (type == null || type.equals(frame.path("type").asText())) {
                return frame;
            }
        }
    }

    public JsonNode next(String type) {
        return next(type, Duration.ofSeconds(10));
    }

    /** The close code the server sent, waiting up to the timeout. */
    public int closeCode(Duration timeout) {
        return closed.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    public boolean isOpen() {
        return !closed.isDone();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
    }
}
