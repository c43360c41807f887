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
 * In dev mode the gateway's own pages are those it serves under a loopback name: a page of another
 * site whose name was made to resolve to 127.0.0.1 (DNS rebinding) names that site in Origin and Host.
 */
final class OriginCheck {
    private final Set<String> allowed;
    private final boolean devMode;

    /** {@code allowed}: origins such as {@code https://chat.example.com} (scheme, host and any port). */
    OriginCheck(List<String> allowed, boolean devMode) {
        this.allowed = allowed.stream().map(OriginCheck::canonical).collect(Collectors.toUnmodifiableSet());
        this.devMode = devMode;
    }

    /** In dev mode, whether a request names the gateway by a loopback name (anything else is DNS rebinding). */
    boolean hostAllowed(String host) {
        if (!devMode) {
            return true;
        }
        if (host == null) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        name = name.startsWith("[") ? name.substring(0, Math.max(1, name.indexOf(']') + 1)) : name.replaceFirst(":\\d*$", "");
        return name.equals("localhost") || name.startsWith("127.") || name.equals("[::1]");
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
        if (!hostAllowed(host)) {
            return false;
        }
        try {
            URI uri = URI.create(canonical);
            return host != null && uri.getRawAuthority() != null && uri.getRawAuthority().equals(host.toLowerCase(Locale.ROOT))
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return false; // "null" (a sandboxed page or a file) and anything else unparseable
        }
    }

    private static String canonical(String origin) {
        String trimmed = origin.trim().toLowerCase(Locale.ROOT);
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
