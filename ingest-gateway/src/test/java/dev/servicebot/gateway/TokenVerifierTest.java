package dev.servicebot.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tokens: HS256 with the secret, RS256 with a configured public key; anything else refused with a reason. */
class TokenVerifierTest {

    private static GatewayConfig config(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(Map.of("SERVICEBOT_INTERNAL_SECRET", "s"));
        env.putAll(overrides);
        return GatewayConfig.fromEnvironment(env);
    }

    @Test
    void hs256TokensAreCheckedAgainstTheSecret() throws Exception {
        TokenVerifier verifier = new TokenVerifier(config(Map.of("SERVICEBOT_JWT_SECRET", GatewayConfig.DEV_SECRET)));
        assertThat(verifier.customerId(new DevTokens(GatewayConfig.DEV_SECRET).issue("cust_001", Duration.ofMinutes(1)))).isEqualTo("cust_001");
        assertThatThrownBy(() -> verifier.customerId(new DevTokens("x".repeat(40)).issue("cust_001", Duration.ofMinutes(1))))
                .hasMessage("token signature not valid");
        assertThatThrownBy(() -> verifier.customerId(new DevTokens(GatewayConfig.DEV_SECRET).issue("cust_001", Duration.ofMinutes(-5))))
                .hasMessage("token expired");
        assertThatThrownBy(() -> verifier.customerId("")).hasMessageStartingWith("missing token");
        assertThatThrownBy(() -> verifier.customerId("abc.def")).hasMessage("malformed token");
    }

    @Test
    void rs256TokensAreCheckedAgainstAConfiguredPublicKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        TokenVerifier verifier = new TokenVerifier(config(Map.of("SERVICEBOT_JWT_PUBLIC_KEY", pem)));

        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder().subject("cust_003")
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(60))).build());
        jwt.sign(new RSASSASigner(keys.getPrivate()));
        assertThat(verifier.customerId(jwt.serialize())).isEqualTo("cust_003");

        // An HS256 token, even one signed with a guessable secret, is not accepted where RS256 is configured.
        assertThatThrownBy(() -> verifier.customerId(new DevTokens(GatewayConfig.DEV_SECRET).issue("cust_003", Duration.ofMinutes(1))))
                .hasMessage("token signature not valid");
    }

    private static final String SECRET = "a-secret-of-this-test-0123456789abcdef";

    /** An HS256 token with these claims and header key id, signed with {@link #SECRET}. */
    private static String hs256(String kid, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).build(), claims);
        jwt.sign(new com.nimbusds.jose.crypto.MACSigner(SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static JWTClaimsSet.Builder claims(Instant issued, Duration lifetime) {
        return new JWTClaimsSet.Builder().subject("cust_001").issuer("https://id.example").audience("servicebot")
                .issueTime(Date.from(issued)).expirationTime(Date.from(issued.plus(lifetime)));
    }

    private static TokenVerifier production() {
        return new TokenVerifier(config(Map.of("SERVICEBOT_JWT_SECRET", SECRET, "SERVICEBOT_JWT_ISSUER", "https://id.example",
                "SERVICEBOT_JWT_AUDIENCE", "servicebot", "SERVICEBOT_JWT_MAX_LIFETIME_HOURS", "12")));
    }

    @Test
    void aSingleConfiguredKeyIsTheKeyWhateverKidATokenNames() throws Exception {
        Instant now = Instant.now();
        assertThat(production().customerId(hs256("key-2026-12", claims(now, Duration.ofMinutes(5)).build()))).isEqualTo("cust_001");
        assertThat(production().customerId(hs256(null, claims(now, Duration.ofMinutes(5)).build()))).isEqualTo("cust_001");
    }

    @Test
    void issuerAudienceLifetimeAndIssueTimeAreChecked() throws Exception {
        TokenVerifier verifier = production();
        Instant now = Instant.now();
        assertThatThrownBy(() -> verifier.customerId(hs256(null, claims(now, Duration.ofMinutes(5)).issuer("https://other.example").build())))
                .isInstanceOf(TokenVerifier.Refused.class).hasMessageContaining("iss");
        assertThatThrownBy(() -> verifier.customerId(hs256(null, claims(now, Duration.ofMinutes(5)).audience("billing").build())))
                .isInstanceOf(TokenVerifier.Refused.class).hasMessageContaining("aud");
        assertThatThrownBy(() -> verifier.customerId(hs256(null, claims(now, Duration.ofMinutes(5)).audience((String) null).build())))
                .isInstanceOf(TokenVerifier.Refused.class);
        // A year-long token is a password that never changes.
        assertThatThrownBy(() -> verifier.customerId(hs256(null, claims(now, Duration.ofHours(13)).build())))
                .hasMessage("token lives longer than the 12 h allowed");
        assertThat(verifier.customerId(hs256(null, claims(now, Duration.ofHours(12)).build()))).isEqualTo("cust_001");
        // Issued "later" than now beyond the clock skew: a clock gone wrong or a forged iat.
        assertThatThrownBy(() -> verifier.customerId(hs256(null, claims(now.plus(Duration.ofMinutes(5)), Duration.ofMinutes(5)).build())))
                .hasMessage("token issued in the future");
        assertThat(verifier.customerId(hs256(null, claims(now.plusSeconds(30), Duration.ofMinutes(5)).build()))).isEqualTo("cust_001");
        // No iat at all: its lifetime cannot be known.
        assertThatThrownBy(() -> verifier.customerId(hs256(null, new JWTClaimsSet.Builder().subject("cust_001").issuer("https://id.example")
                .audience("servicebot").expirationTime(Date.from(now.plusSeconds(60))).build()))).isInstanceOf(TokenVerifier.Refused.class);
    }

    @Test
    void productionRefusesToStartWithoutKeysOrSecrets() {
        assertThatThrownBy(() -> GatewayConfig.fromEnvironment(Map.of()).validated()).hasMessageContaining("no token key");
        assertThatThrownBy(() -> config(Map.of("SERVICEBOT_JWT_SECRET", "short")).validated()).hasMessageContaining("at least 32 characters");
        assertThatThrownBy(() -> GatewayConfig.fromEnvironment(Map.of("SERVICEBOT_JWT_SECRET", GatewayConfig.DEV_SECRET)).validated())
                .hasMessageContaining("SERVICEBOT_INTERNAL_SECRET is required");
    }
}
