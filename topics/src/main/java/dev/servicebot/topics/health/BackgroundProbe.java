package dev.servicebot.topics.health;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A check of something remote run on its own thread, every {@code interval} from the moment it is made,
 * so that {@code /health} answers at once with the latest result. Asked inline, a first probe of a
 * starting service (a new admin client's connection, the AWS SDK's first request: seconds on a busy
 * host) held every health request past its caller's timeout, and a restarted gateway looked down for
 * 7 s after it was serving; probed from the start, that first connection happens while the service is
 * still starting.
 */
final class BackgroundProbe implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BackgroundProbe.class);
    private final ScheduledExecutorService thread;
    private volatile boolean ok;

    BackgroundProbe(String name, Duration interval, BooleanSupplier probe) {
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        long made = System.nanoTime();
        thread.scheduleWithFixedDelay(() -> {
            boolean now;
            try {
                now = probe.getAsBoolean();
            } catch (RuntimeException e) {
                now = false; // a probe that throws is a failed probe
            }
            if (now != ok) { // only changes are logged: when it first answered, when it went away and came back
                log.info("{}: {} ({} ms after start)", name, now ? "reachable" : "unreachable", (System.nanoTime() - made) / 1_000_000);
            }
            ok = now;
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The latest result; false until the first probe has succeeded. */
    boolean ok() {
        return ok;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
