package dev.servicebot.gateway;

import dev.servicebot.topics.Timestamps;
import dev.servicebot.topics.model.Customer;
import dev.servicebot.topics.model.RequestCatalogue;
import dev.servicebot.topics.model.ServiceLevel;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The customer's profile and history over HTTP, authorised by the same token as the socket ({@code Authorization: Bearer}). */
public final class ProfileApi {
    private final Authenticator authenticator;
    private final CustomerDirectory customers;
    private final HistoryReader history;
    private final ConversationOwnership ownership;

    /** What a higher tier would add to the customer's. */
    public record Upgrade(String level, List<String> adds, int maxDevices) {
    }

    /** {@code actions}: every action name in the response, in the customer's words (from the request catalogue). */
    public record Me(Customer customer, ServiceLevel tier, List<Upgrade> upgrades, Map<String, String> actions) {
    }

    public ProfileApi(Authenticator authenticator, CustomerDirectory customers, HistoryReader history, ConversationOwnership ownership) {
        this.authenticator = authenticator;
        this.customers = customers;
        this.history = history;
        this.ownership = ownership;
    }

    public void me(Context ctx) {
        String customerId = customer(ctx);
        Customer customer = customers.customer(customerId).orElseThrow(() -> new ForbiddenResponse("unknown customer"));
        List<ServiceLevel> tiers = customers.tiers();
        ServiceLevel tier = tiers.stream().filter(t -> t.level().equals(customer.serviceLevel())).findFirst().orElse(null);
        List<Upgrade> upgrades = tier == null ? List.of() : tiers.stream()
                .filter(t -> !t.level().equals(tier.level()) && t.allowedActions().containsAll(tier.allowedActions())
                        && t.allowedActions().size() > tier.allowedActions().size())
                .sorted(Comparator.comparingInt((ServiceLevel t) -> t.allowedActions().size()))
                .map(t -> new Upgrade(t.level(), t.allowedActions().stream().filter(a -> !tier.allowedActions().contains(a)).toList(), t.maxDevices()))
                .toList();
        ctx.json(new Me(customer, tier, upgrades, RequestCatalogue.standard().actionPhrases()));
    }

    public void conversation(Context ctx) {
        String customerId = customer(ctx);
        String conversationId = ctx.pathParam("conversationId");
        if (!WireId.valid(conversationId)) {
            throw new BadRequestResponse("a conversation id is " + WireId.RULE);
        }
        // The same rule as the socket's; one answer whether the conversation exists or not.
        if (!ownership.belongsTo(conversationId, customerId)) {
            throw new ForbiddenResponse("conversation " + conversationId + " is not yours");
        }
        HistoryReader.Page page = history.conversation(conversationId, limit(ctx), before(ctx));
        ctx.json(Map.of("conversationId", conversationId, "messages", page.messages(), "more", page.more()));
    }

    public void myMessages(Context ctx) {
        String customerId = customer(ctx);
        HistoryReader.Page page = history.byUser(customerId, limit(ctx), before(ctx));
        ctx.json(Map.of("messages", page.messages(), "more", page.more()));
    }

    private String customer(Context ctx) {
        return authenticator.customer(TokenVerifier.bearer(ctx.header("Authorization"))).subject();
    }

    private static int limit(Context ctx) {
        int limit = ctx.queryParamAsClass("limit", Integer.class).getOrDefault(50);
        if (limit < 1 || limit > 100) {
            throw new BadRequestResponse("limit must be between 1 and 100");
        }
        return limit;
    }

    private static String before(Context ctx) {
        String before = ctx.queryParam("before");
        try {
            return before == null ? null : Timestamps.normalize(before);
        } catch (DateTimeParseException e) {
            throw new BadRequestResponse("before must be an ISO-8601 UTC timestamp");
        }
    }
}
