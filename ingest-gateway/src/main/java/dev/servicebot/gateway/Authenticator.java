package dev.servicebot.gateway;

import dev.servicebot.topics.model.HistoryMessage;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.UnauthorizedResponse;

/**
 * Who a token speaks for, decided in one place for every socket and route: 401 for a token that does
 * not verify (TokenVerifier's rules), 400 for a subject that is no id (checked before any lookup),
 * 403 for the wrong kind of token or a customer nobody knows.
 */
public final class Authenticator {
    private final TokenVerifier tokens;
    private final CustomerDirectory customers;

    public Authenticator(TokenVerifier tokens, CustomerDirectory customers) {
        this.tokens = tokens;
        this.customers = customers;
    }

    /** A customer's token, for a customer the tables know. */
    public TokenVerifier.Identity customer(String token) {
        TokenVerifier.Identity identity = verified(token);
        String customerId = identity.subject();
        if (identity.agent() || HistoryMessage.isAgent(customerId)) {
            throw new ForbiddenResponse("an agent token cannot chat as a customer");
        }
        // While DynamoDB is down this throws (the server answers a typed 503) unless the customer was seen lately.
        if (customers.customer(customerId).isEmpty()) {
            throw new ForbiddenResponse("unknown customer");
        }
        return identity;
    }

    /** A support agent's token. */
    public TokenVerifier.Identity agent(String token) {
        TokenVerifier.Identity identity = verified(token);
        if (!identity.agent()) {
            throw new ForbiddenResponse("an agent token is needed");
        }
        return identity;
    }

    private TokenVerifier.Identity verified(String token) {
        TokenVerifier.Identity identity;
        try {
            identity = tokens.identify(token);
        } catch (TokenVerifier.Refused e) {
            throw new UnauthorizedResponse(e.getMessage());
        }
        if (!WireId.valid(identity.subject())) {
            // DynamoDB refuses an empty or oversized key with an error that was a 500.
            throw new BadRequestResponse("the token's subject is not an id (" + WireId.RULE + ")");
        }
        return identity;
    }
}
