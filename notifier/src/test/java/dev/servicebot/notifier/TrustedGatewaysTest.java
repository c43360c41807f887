package dev.servicebot.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TrustedGatewaysTest {

    @Test
    void aHostEntryTrustsAnyPortAHostAndPortEntryOnlyThatPort() {
        TrustedGateways trusted = TrustedGateways.parse(" gateway-a:7071, GATEWAY-B:7073 ,127.0.0.1");
        assertThat(trusted.trusts("http://gateway-a:7071/internal/connections/c-1")).isTrue();
        assertThat(trusted.trusts("http://gateway-b:7073")).isTrue();
        assertThat(trusted.trusts("http://127.0.0.1:28113")).isTrue();
        assertThat(trusted.trusts("http://gateway-a:7073")).isFalse();
        assertThat(trusted.trusts("http://gateway-c:7071")).isFalse();
    }

    @Test
    void addressesThatOnlyLookLikeOursAreRefused() {
        TrustedGateways trusted = TrustedGateways.parse(TrustedGateways.DEFAULT);
        assertThat(trusted.trusts("http://127.0.0.1@evil.example:7071")).isFalse(); // user info: the host is evil.example
        assertThat(trusted.trusts("http://127.0.0.1.evil.example:7071")).isFalse();
        assertThat(trusted.trusts("http://127.0.0.2:7071")).isFalse();
        assertThat(trusted.trusts("file:///etc/passwd")).isFalse();
        assertThat(trusted.trusts("ftp://127.0.0.1:21")).isFalse();
        assertThat(trusted.trusts("not a url")).isFalse();
        assertThat(trusted.trusts("http://localhost:7071")).isTrue();
    }

    @Test
    void anEmptyListIsAConfigurationError() {
        assertThatThrownBy(() -> TrustedGateways.parse(" , ")).hasMessageContaining(TrustedGateways.ENVIRONMENT);
    }
}
