package dev.servicebot.topics.model;

import dev.servicebot.topics.Rules;
import dev.servicebot.topics.Validated;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A live WebSocket connection: the Connections table item of the data model, plus the gateway
 * that holds the socket and the address the notifier delivers to.
 * {@code ttl} is in epoch seconds; a TTL is not a deletion, so readers filter with {@link #expiredAt}.
 */
public record Connection(
        String connectionId,
        String userId,
        String connectionTime,
        Long ttl,
        String gatewayId,
        String deliveryUrl) implements Validated {

    public boolean expiredAt(Instant now) {
        return ttl != null && ttl <= now.getEpochSecond();
    }

    @Override
    public List<String> violations() {
        List<String> problems = new ArrayList<>();
        Rules.id(problems, "connectionId", connectionId);
        Rules.id(problems, "userId", userId);
        Rules.timestamp(problems, "connectionTime", connectionTime);
        if (ttl == null) {
            problems.add("ttl is required");
        } else if (problems.stream().noneMatch(p -> p.startsWith("connectionTime"))
                && ttl <= Instant.parse(connectionTime).getEpochSecond()) {
            // "TTL must be a valid future timestamp": future relative to when the connection was
            // made, so that a replayed connection record stays valid after it expired.
            problems.add("ttl " + ttl + " is not after connectionTime " + connectionTime);
        }
        return problems;
    }
}
