package dev.servicebot.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback ports: a free one for tests, or a clear error when a chosen one is taken. */
public final class Ports {
    public static final String HOST = "127.0.0.1";

    private Ports() {
    }

    /** Ports this JVM handed out: a port is given once, even if nobody has bound it yet. */
    private static final java.util.Set<Integer> GIVEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A port nobody listens on, for a server this test or stack starts (perhaps in another process).
     * Taken from 20000-32767, below Linux's ephemeral range (32768-60999): a port the OS hands out
     * for port 0 can meanwhile become the local port of some outgoing connection (a Kafka or HTTP
     * client), and the server's bind then fails with "Address already in use".
     */
    public static int free() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20_000 + random.nextInt(12_768);
            if (!GIVEN.add(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port), 1);
                return port;
            } catch (IOException e) {
                // taken: try another
            }
        }
        throw new UncheckedIOException(new IOException("no free port on " + HOST + " in 20000-32767"));
    }

    /** {@code port}, or a free port when it is 0; fails with {@link PortInUseException} when taken. */
    public static int claim(int port, String what) {
        if (port == 0) {
            return free();
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(HOST, port));
            return port;
        } catch (IOException e) {
            throw new PortInUseException(what, port);
        }
    }

    /** A port the stack needs is taken by another process. */
    public static final class PortInUseException extends RuntimeException {
        private final int port;

        public PortInUseException(String what, int port) {
            super("port " + port + " on " + HOST + " (" + what + ") is already in use; stop whatever holds it or choose another port");
            this.port = port;
        }

        public int port() {
            return port;
        }
    }
}
