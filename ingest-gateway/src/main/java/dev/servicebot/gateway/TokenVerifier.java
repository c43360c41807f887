package dev.servicebot.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.proc.SingleKeyJWSKeySelector;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who a connection is: the customer id (or, with {@code "role": "agent"}, the support agent's id)
 * in the subject of a signed, unexpired token.
 * HS256 with a shared secret (dev and simple deployments), or RS256 with keys from a JWKS URL or a
 * PEM public key (production). Anything else is refused, never taken as someone.
 */
public final class TokenVerifier {
    private final ConfigurableJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    /** The claim that makes a token an agent's. */
    public static final String ROLE_CLAIM = "role";
    public static final String AGENT_ROLE = "agent";

    /** Whom a valid token names: its subject, whether it is a support agent's, the display name it carries (may be null), and when it ends. */
    public record Identity(String subject, boolean agent, String name, Instant expiresAt) {
    }

    /** The token of an {@code Authorization: Bearer} header, or null: REST routes take tokens from there only (a URL ends up in logs). */
    public static String bearer(String authorizationHeader) {
        return authorizationHeader != null && authorizationHeader.startsWith("Bearer ") ? authorizationHeader.substring(7).trim() : null;
    }

    /** Why a token was refused, in words fit for a 401 body. */
    public static final class Refused extends Exception {
        public Refused(String reason) {
            super(reason);
        }
    }

    private final GatewayConfig.TokenRules rules;

    public TokenVerifier(GatewayConfig config) {
        this.rules = config.tokenRules();
        try {
            if (config.jwksUrl() != null) {
                // An identity provider's keys: the token's kid picks one (keys rotate).
                JWKSource<SecurityContext> keys = JWKSourceBuilder.create(URI.create(config.jwksUrl()).toURL()).build();
                processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
            } else if (config.jwtPublicKey() != null) {
                // One configured key is the key, whatever kid a token names (real providers always send one).
                processor.setJWSKeySelector(new SingleKeyJWSKeySelector<>(JWSAlgorithm.RS256, rsaPublicKey(config.jwtPublicKey())));
            } else {
                processor.setJWSKeySelector(new SingleKeyJWSKeySelector<>(JWSAlgorithm.HS256,
                        new SecretKeySpec(config.jwtSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256")));
            }
        } catch (MalformedURLException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot use the configured token key: " + e.getMessage(), e);
        }
        JWTClaimsSet exact = rules.issuer() == null ? null : new JWTClaimsSet.Builder().issuer(rules.issuer()).build();
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                rules.audience() == null ? null : Set.of(rules.audience()), exact, Set.of("sub", "exp", "iat"), null);
        claims.setMaxClockSkew((int) CLOCK_SKEW.toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** How far apart the identity provider's clock and ours may be (at iat; expiry is by our clock). */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    /** An RSA public key from PEM ("-----BEGIN PUBLIC KEY-----", X.509 SubjectPublicKeyInfo), with the JDK alone. */
    static RSAPublicKey rsaPublicKey(String pem) throws GeneralSecurityException {
        String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(base64);
        return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    }

    /** The customer id the token speaks for (whatever its role: callers that care use {@link #identify}). */
    public String customerId(String token) throws Refused {
        return identify(token).subject();
    }

    /** Whom the token names, once its signature and expiry hold. */
    public Identity identify(String token) throws Refused {
        if (token == null || token.isBlank()) {
            throw new Refused("missing token: pass ?token=<JWT> to the socket, Authorization: Bearer <JWT> to the HTTP API");
        }
        try {
            JWTClaimsSet claims = processor.process(token, null);
            Instant issued = claims.getIssueTime().toInstant();
            Instant expires = claims.getExpirationTime().toInstant();
            Instant now = Instant.now();
            if (issued.isAfter(now.plus(CLOCK_SKEW))) {
                throw new Refused("token issued in the future");
            }
            // The skew is for the issuer's clock at iat; the end is this gateway's to keep, as its sockets
            // close at exp by its own clock: a token already past exp here would open one only to close it.
            if (!expires.isAfter(now)) {
                throw new Refused("token expired");
            }
            if (Duration.between(issued, expires).compareTo(rules.maxLifetime()) > 0) {
                throw new Refused("token lives longer than the " + rules.maxLifetime().toHours() + " h allowed");
            }
            Object role = claims.getClaim(ROLE_CLAIM);
            Object name = claims.getClaim("name");
            return new Identity(claims.getSubject(), AGENT_ROLE.equals(role), name instanceof String n && !n.isBlank() ? n : null, expires);
        } catch (ParseException e) {
            throw new Refused("malformed token");
        } catch (BadJWTException e) {
            throw new Refused(e.getMessage().toLowerCase().contains("expired") ? "token expired" : "invalid token: " + e.getMessage());
        } catch (BadJOSEException e) {
            throw new Refused("token signature not valid");
        } catch (JOSEException e) {
            throw new Refused("token could not be checked: " + e.getMessage());
        }
    }
}
