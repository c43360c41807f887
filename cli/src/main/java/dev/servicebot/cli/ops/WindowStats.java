package dev.servicebot.cli.ops;

import dev.servicebot.topics.Topic;
import dev.servicebot.topics.Topics;
import dev.servicebot.topics.model.ClaimTime;
import dev.servicebot.topics.model.DeniedRequestCount;
import dev.servicebot.topics.model.HandoffCount;
import dev.servicebot.topics.model.RequestTypeCount;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The analytics topics as a dashboard sees them: the latest count per key (they are compacted
 * topics of count updates), for one hourly window.
 */
public final class WindowStats {
    private final String bootstrapServers;

    public WindowStats(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** The counts of one window. */
    public record Window(String start, String end, List<DeniedRequestCount> denied, List<RequestTypeCount> requests,
                         List<HandoffCount> handoffs, List<ClaimTime> claims) {
    }

    /** @param start the window's start (ISO), or null for the latest window with any count */
    public Optional<Window> window(String start) {
        Map<String, DeniedRequestCount> denied = latest(Topics.DENIED_REQUESTS);
        Map<String, RequestTypeCount> requests = latest(Topics.REQUEST_TYPES);
        Map<String, HandoffCount> handoffs = latest(Topics.HANDOFF_COUNTS);
        Map<String, ClaimTime> claims = latest(Topics.CLAIM_TIMES);
        String chosen = start != null ? start : requests.values().stream().map(RequestTypeCount::windowStart)
                .max(Comparator.naturalOrder()).orElse(null);
        if (chosen == null) {
            return Optional.empty();
        }
        List<DeniedRequestCount> deniedIn = denied.values().stream().filter(c -> c.windowStart().equals(chosen))
                .sorted(Comparator.comparingLong(DeniedRequestCount::count).reversed().thenComparing(DeniedRequestCount::key)).toList();
        List<RequestTypeCount> requestsIn = requests.values().stream().filter(c -> c.windowStart().equals(chosen))
                .sorted(Comparator.comparingLong(RequestTypeCount::count).reversed().thenComparing(RequestTypeCount::key)).toList();
        List<HandoffCount> handoffsIn = handoffs.values().stream().filter(c -> c.windowStart().equals(chosen))
                .sorted(Comparator.comparing(HandoffCount::key)).toList();
        List<ClaimTime> claimsIn = claims.values().stream().filter(c -> c.windowStart().equals(chosen))
                .sorted(Comparator.comparing(ClaimTime::key)).toList();
        if (deniedIn.isEmpty() && requestsIn.isEmpty() && handoffsIn.isEmpty() && claimsIn.isEmpty()) {
            return Optional.empty();
        }
        String end = java.util.stream.Stream.of(deniedIn.stream().map(DeniedRequestCount::windowEnd), requestsIn.stream().map(RequestTypeCount::windowEnd),
                handoffsIn.stream().map(HandoffCount::windowEnd), claimsIn.stream().map(ClaimTime::windowEnd))
                .flatMap(ends -> ends).findFirst().orElseThrow();
        return Optional.of(new Window(chosen, end, deniedIn, requestsIn, handoffsIn, claimsIn));
    }

    /** The latest value of every key of a compacted topic, keyed by its record key. */
    public <V> Map<String, V> latest(Topic<String, V> topic) {
        Map<String, V> latest = new HashMap<>();
        TopicRange.whole(bootstrapServers, topic.name()).read(bootstrapServers, record -> {
            String key = new String(record.key(), java.nio.charset.StandardCharsets.UTF_8);
            if (record.value() == null) {
                latest.remove(key);
            } else {
                latest.put(key, topic.valueSerde().deserializer().deserialize(topic.name(), record.value()));
            }
        });
        return latest;
    }
}
