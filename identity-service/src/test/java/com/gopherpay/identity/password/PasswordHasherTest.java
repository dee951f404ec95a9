package com.gopherpay.identity.password;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final PasswordHasher hasher =
            new PasswordHasher(new PasswordProperties(12, 128, 19456, 2, 1, 16, 32, 0), new SecureRandom(), meters);

    @Test
    void producesAnArgon2idPhcStringWithTheOwaspParameters() {
        String phc = hasher.hash("violet-Harbour-93-kite");

        assertThat(phc).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(hasher.matches("violet-Harbour-93-kite", phc)).isTrue();
        assertThat(hasher.matches("violet-Harbour-93-kitE", phc)).isFalse();
        assertThat(meters.get("identity.password.hash").timer().count()).isEqualTo(1);
    }

    @Test
    void saltsEveryHash() {
        assertThat(hasher.hash("violet-Harbour-93-kite")).isNotEqualTo(hasher.hash("violet-Harbour-93-kite"));
    }

    @Test
    void matchesTheRfc9106ParametersRecordedInTheHash() {
        PasswordHasher cheaper =
                new PasswordHasher(new PasswordProperties(12, 128, 4096, 1, 1, 16, 32, 1), new SecureRandom(), meters);

        assertThat(hasher.matches("violet-Harbour-93-kite", cheaper.hash("violet-Harbour-93-kite")))
                .isTrue();
    }
}
