package dev.servicebot.gateway;

import java.util.Optional;
import java.util.function.Function;

/**
 * A conversation belongs to the customer it was minted for; an id minted otherwise (before these ids,
 * or under a key since changed) belongs to whoever the stored history says started it. An id that is
 * neither is nobody's to use, so a client can neither start a conversation under an id it chose nor
 * squat one another customer will be given.
 */
public final class ConversationOwnership {
    private final ConversationIds ids;
    private final Function<String, Optional<String>> storedOwner;

    /** {@code storedOwner}: the first customer message's author, from the history (it may throw while DynamoDB is down). */
    public ConversationOwnership(ConversationIds ids, Function<String, Optional<String>> storedOwner) {
        this.ids = ids;
        this.storedOwner = storedOwner;
    }

    public ConversationIds ids() {
        return ids;
    }

    /**
     * Whether this customer may read and write this conversation. Decided without a lookup for the
     * ids gateways mint; for any other id, from the history (throws what the lookup throws).
     */
    public boolean belongsTo(String conversationId, String customerId) {
        if (ids.mintedFor(conversationId, customerId)) {
            return true;
        }
        // Only a message the gateway accepted reaches the history, and it accepts one only from the
        // conversation's owner, so the stored first author cannot be anyone else.
        return storedOwner.apply(conversationId).filter(customerId::equals).isPresent();
    }
}
