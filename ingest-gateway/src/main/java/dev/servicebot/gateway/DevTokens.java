package dev.servicebot.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/** Signs HS256 tokens for a customer or a sample agent: the dev-mode token routes and tests. Never wired outside dev mode. */
public final class DevTokens {
    /** The support agents dev mode signs tokens for: id and display name. */
    public static final Map<String, String> SAMPLE_AGENTS = Map.of("agent_001", "Sam Rivera", "agent_002", "Priya Nair");

    private final byte[] secret;

    public DevTokens(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    public String issue(String customerId, Duration validFor) {
        return sign(claims(customerId, validFor).build());
    }

    /** A support agent's token: the agent id as subject, {@code role: agent} and the display name. */
    public String issueAgent(String agentId, String name, Duration validFor) {
        return sign(claims(agentId, validFor).claim(TokenVerifier.ROLE_CLAIM, TokenVerifier.AGENT_ROLE).claim("name", name).build());
    }

    private static JWTClaimsSet.Builder claims(String subject, Duration validFor) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer(GatewayConfig.DEV_ISSUER)
                .audience(GatewayConfig.DEV_AUDIENCE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(validFor)));
    }

    private String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a dev token: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }
}
