package dev.servicebot.topics.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What a service's {@code /health} says: ready (200) only when every required check holds, with each
 * check named in the body so an operator sees which one failed. A reported check is shown but does
 * not make the service unready (the gateway keeps taking messages while DynamoDB is away).
 */
public final class Readiness {
    private record Check(BooleanSupplier test, boolean required) {
    }

    /** The answer to one probe: {@code checks} in the order they were added. */
    public record Report(boolean ready, Map<String, Boolean> checks) {
        public int httpStatus() {
            return ready ? 200 : 503;
        }

        /** The JSON body: {"status": "ok"|"unavailable", "checks": {...}}. */
        public Map<String, Object> body() {
            return Map.of("status", ready ? "ok" : "unavailable", "checks", checks);
        }
    }

    private final Map<String, Check> checks = new LinkedHashMap<>();

    /** A check the service cannot work without (it owns its partitions, reaches what it writes to). */
    public Readiness require(String name, BooleanSupplier test) {
        checks.put(name, new Check(test, true));
        return this;
    }

    /** A check shown in the body that does not decide readiness. */
    public Readiness report(String name, BooleanSupplier test) {
        checks.put(name, new Check(test, false));
        return this;
    }

    public Report report() {
        Map<String, Boolean> results = new LinkedHashMap<>();
        boolean ready = true;
        for (var entry : checks.entrySet()) {
            boolean ok;
            try {
                ok = entry.getValue().test().getAsBoolean();
            } catch (RuntimeException e) {
                ok = false; // a probe that throws is a failed probe
            }
            results.put(entry.getKey(), ok);
            ready &= ok || !entry.getValue().required();
        }
        return new Report(ready, results);
    }
}
