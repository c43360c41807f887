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
                .expirationTime(Date.from(Instant.now().plusSeconds(60))).build());
        jwt.sign(new RSASSASigner(keys.getPrivate()));
        assertThat(verifier.customerId(jwt.serialize())).isEqualTo("cust_003");

        // An HS256 token, even one signed with a guessable secret, is not accepted where RS256 is configured.
        assertThatThrownBy(() -> verifier.customerId(new DevTokens(GatewayConfig.DEV_SECRET).issue("cust_003", Duration.ofMinutes(1))))
                .hasMessage("token signature not valid");
    }

    @Test
    void productionRefusesToStartWithoutKeysOrSecrets() {
        assertThatThrownBy(() -> GatewayConfig.fromEnvironment(Map.of()).validated()).hasMessageContaining("no token key");
        assertThatThrownBy(() -> config(Map.of("SERVICEBOT_JWT_SECRET", "short")).validated()).hasMessageContaining("at least 32 characters");
        assertThatThrownBy(() -> GatewayConfig.fromEnvironment(Map.of("SERVICEBOT_JWT_SECRET", GatewayConfig.DEV_SECRET)).validated())
                .hasMessageContaining("SERVICEBOT_INTERNAL_SECRET is required");
    }
}
