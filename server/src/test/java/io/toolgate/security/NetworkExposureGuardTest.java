package io.toolgate.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NetworkExposureGuardTest {

    @Test
    void loopbackNeedsNothing() {
        for (String host : new String[] { "127.0.0.1", "localhost", "::1", "[::1]", "127.0.1.1" }) {
            NetworkExposureGuard.check(host, false, false);
        }
    }

    @Test
    void aNetworkAddressNeedsAuthenticationOrAnExplicitOptOut() {
        assertThatThrownBy(() -> NetworkExposureGuard.check("0.0.0.0", false, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("toolgate.security.api-keys")
                .hasMessageContaining("toolgate.security.allow-unauthenticated-network=true");
        NetworkExposureGuard.check("0.0.0.0", true, false);
        NetworkExposureGuard.check("10.0.0.5", false, true);
    }
}
