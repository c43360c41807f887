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

    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + HOST, e);
        }
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
