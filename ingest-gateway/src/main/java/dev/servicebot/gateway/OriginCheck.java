package dev.servicebot.gateway;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which web pages may open a socket with a customer's or an agent's token: the gateway's own pages,
 * and the origins the deployment lists. A browser always sends {@code Origin} on a WebSocket upgrade
 * and a page cannot forge it, so this stops another site from using a token it got hold of from inside
 * a victim's browser; clients that are not browsers send none and are judged by their token alone.
 */
final class OriginCheck {
    private final Set<String> allowed;

    /** {@code allowed}: origins such as {@code https://chat.example.com} (scheme, host and any port). */
    OriginCheck(List<String> allowed) {
        this.allowed = allowed.stream().map(OriginCheck::canonical).collect(Collectors.toUnmodifiableSet());
    }

    /** {@code host}: the request's Host header, which names the gateway as the browser reached it. */
    boolean allows(String origin, String host) {
        if (origin == null) {
            return true;
        }
        String canonical = canonical(origin);
        if (allowed.contains(canonical)) {
            return true;
        }
        try {
            URI uri = URI.create(canonical);
            return host != null && uri.getRawAuthority() != null && uri.getRawAuthority().equals(host.toLowerCase(Locale.ROOT))
                    && (uri.getScheme().equals("http") || uri.getScheme().equals("https"));
        } catch (IllegalArgumentException e) {
            return false; // "null" (a sandboxed page or a file) and anything else unparseable
        }
    }

    private static String canonical(String origin) {
        String trimmed = origin.trim().toLowerCase(Locale.ROOT);
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
