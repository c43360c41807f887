package dev.servicebot.gateway;

import java.util.regex.Pattern;

/**
 * The one shape of every id a client hands the gateway (a token's subject, a conversation, a
 * clientMessageId): checked before any lookup, since DynamoDB answers an empty or oversized key with
 * an error that would otherwise be a 500.
 */
final class WireId {
    static final String RULE = "letters, digits, _ . : - (at most 128)";
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}");

    private WireId() {
    }

    static boolean valid(String id) {
        return id != null && SHAPE.matcher(id).matches();
    }
}
