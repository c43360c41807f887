package dev.servicebot.gateway;

import io.javalin.http.Context;
import java.util.Map;

/**
 * What every public response tells the browser: run only this gateway's own scripts and styles and
 * talk only to it (so injected markup cannot load or send anything elsewhere), never be framed by
 * another site (clickjacking), never guess a content type, send no referrer.
 */
final class SecurityHeaders {
    static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'self'; connect-src 'self'; img-src 'self' data:; object-src 'none'; "
                    + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
            "X-Frame-Options", "DENY",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer");

    private SecurityHeaders() {
    }

    static void apply(Context ctx) {
        HEADERS.forEach(ctx::header);
    }
}
