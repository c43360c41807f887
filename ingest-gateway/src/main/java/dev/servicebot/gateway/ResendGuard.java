package dev.servicebot.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A resend with the same clientMessageId (after a timeout or a reconnect) gets the original ack and
 * never becomes a second message. The first attempt's publish is remembered until it settles and
 * for an hour after; one that failed is forgotten so that the resend can try again.
 */
public final class ResendGuard<A> {
    private final Cache<String, CompletableFuture<A>> attempts = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofHours(1))
            .maximumSize(200_000)
            .build();

    /**
     * The publish already under way for this client message, or a new one from {@code publish}.
     * @param scope where a clientMessageId is unique: the sender, and for customers the conversation
     */
    public CompletableFuture<A> once(String scope, String clientMessageId, Supplier<CompletableFuture<A>> publish) {
        if (clientMessageId == null) {
            return publish.get();
        }
        String key = scope + "\u0000" + clientMessageId;
        CompletableFuture<A> attempt = attempts.asMap().compute(key, (k, previous) ->
                previous == null || previous.isCompletedExceptionally() ? publish.get() : previous);
        attempt.whenComplete((ack, error) -> {
            if (error != null) {
                attempts.asMap().remove(key, attempt);
            }
        });
        return attempt;
    }
}
