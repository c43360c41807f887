package dev.servicebot.gateway;

import io.javalin.http.Context;
import java.util.Map;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

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

    /**
     * The same headers on the error pages Jetty writes itself, before any route runs (a request line
     * or header too large, a malformed request).
     */
    static final class OnErrorPages extends ErrorHandler {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            if (!response.isCommitted()) {
                HEADERS.forEach((name, value) -> response.getHeaders().put(name, value));
            }
            return super.handle(request, response, callback);
        }
    }
}
