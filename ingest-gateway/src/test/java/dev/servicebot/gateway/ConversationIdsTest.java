package dev.servicebot.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConversationIdsTest {
    private final ConversationIds ids = ConversationIds.keyedFrom("a-shared-internal-secret-of-this-test-0123");

    @Test
    void anIdIsMintedForOneCustomerOnly() {
        String id = ids.mint("cust_001");
        assertThat(WireId.valid(id)).as("an id a client may send").isTrue();
        assertThat(ids.mintedFor(id, "cust_001")).isTrue();
        assertThat(ids.mintedFor(id, "cust_002")).isFalse();
        assertThat(ids.mintedFor(id, "cust_00")).isFalse();
        assertThat(ConversationIds.keyedFrom("a-shared-internal-secret-of-this-test-0123").mintedFor(id, "cust_001"))
                .as("another gateway with the same secret").isTrue();
        assertThat(ConversationIds.keyedFrom("another-deployment-secret-0123456789abcdef").mintedFor(id, "cust_001")).isFalse();
    }

    @Test
    void aChangedCharacterAnywhereIsNotAnId() {
        String id = ids.mint("cust_001");
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i) == 'A' ? 'B' : 'A';
            String tampered = id.substring(0, i) + c + id.substring(i + 1);
            assertThat(ids.mintedFor(tampered, "cust_001")).as(tampered).isFalse();
        }
        assertThat(ids.mintedFor(id + "x", "cust_001")).isFalse();
        assertThat(ids.mintedFor(id.substring(1), "cust_001")).isFalse();
        assertThat(ids.mintedFor(null, "cust_001")).isFalse();
        assertThat(ids.mintedFor("conv-" + "A".repeat(22) + "." + "A".repeat(22), "cust_001")).isFalse();
    }

    @Test
    void idsDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(ids.mint("cust_001"))).isTrue();
        }
    }

    @Test
    void anIdNotMintedBelongsToWhoeverTheHistorySaysStartedIt() {
        Map<String, String> stored = Map.of("conv-legacy-1", "cust_002");
        ConversationOwnership ownership = new ConversationOwnership(ids, id -> Optional.ofNullable(stored.get(id)));
        assertThat(ownership.belongsTo("conv-legacy-1", "cust_002")).isTrue();
        assertThat(ownership.belongsTo("conv-legacy-1", "cust_001")).isFalse();
        assertThat(ownership.belongsTo("conv-never-stored", "cust_001")).as("a client cannot claim an id").isFalse();
        assertThat(ownership.belongsTo(ids.mint("cust_001"), "cust_001")).isTrue();
        assertThat(ownership.belongsTo(ids.mint("cust_001"), "cust_002")).isFalse();
    }

    @Test
    void aMintedIdNeedsNoLookup() {
        ConversationOwnership ownership = new ConversationOwnership(ids, id -> {
            throw new IllegalStateException("DynamoDB is down");
        });
        assertThat(ownership.belongsTo(ids.mint("cust_001"), "cust_001")).isTrue();
        assertThatThrownBy(() -> ownership.belongsTo("conv-legacy-1", "cust_001")).hasMessageContaining("down");
    }
}
