package dev.servicebot.processor;

import dev.servicebot.topics.model.RequestType;
import dev.servicebot.topics.model.ServiceLevel;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A request is allowed if and only if the customer's tier allows every action it needs.
 * Decided from the service-levels data alone: no tier name appears in this logic.
 */
public final class PermissionCheck {

    /**
     * @param missing          the required actions the tier does not allow
     * @param unlockingTier    the lowest tier whose data allows them all, if any
     * @param availableActions what the customer's tier does allow
     */
    public record Decision(boolean allowed, List<String> requiredActions, List<String> missing,
                           Optional<ServiceLevel> unlockingTier, List<String> availableActions) {
    }

    /** "Lowest" by the data: fewest allowed actions, then fewest devices, then name. */
    private static final Comparator<ServiceLevel> LOWEST_FIRST = Comparator
            .comparingInt((ServiceLevel l) -> l.allowedActions().size())
            .thenComparingInt(ServiceLevel::maxDevices)
            .thenComparing(ServiceLevel::level);

    public Decision decide(RequestType type, ServiceLevel tier, Collection<ServiceLevel> allTiers) {
        return decide(type, tier, () -> allTiers);
    }

    /** @param allTiers read only for a denial, to name the tier that would allow the request */
    public Decision decide(RequestType type, ServiceLevel tier, Supplier<Collection<ServiceLevel>> allTiers) {
        List<String> required = type.requiredActions();
        // Fail closed: a type this build does not know needs no action it knows, and is never allowed for that.
        List<String> missing = required.isEmpty() ? List.of("unknown:" + type.wireName())
                : required.stream().filter(action -> !tier.allows(action)).toList();
        Optional<ServiceLevel> unlocking = missing.isEmpty() ? Optional.empty() : allTiers.get().stream()
                .filter(l -> required.stream().allMatch(l::allows))
                .min(LOWEST_FIRST);
        return new Decision(missing.isEmpty(), required, missing, unlocking, tier.allowedActions());
    }
}
