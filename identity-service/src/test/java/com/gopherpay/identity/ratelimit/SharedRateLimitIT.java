package com.gopherpay.identity.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.gopherpay.embedded.testing.TestDatabase;
import com.gopherpay.embedded.testing.TestDatabases;
import com.gopherpay.identity.Api;
import com.gopherpay.identity.Instances;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** Two instances of the service on one database: a client's limits are counted once, whichever instance it reaches. */
class SharedRateLimitIT {

    private static final TestDatabase database = TestDatabases.create("identity_rate_limits");
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void startTwoInstances() {
        first = start();
        second = start();
    }

    @AfterAll
    static void stop() {
        Instances.stop(first, second);
    }

    private static ConfigurableApplicationContext start() {
        return Instances.start(
                database,
                Map.of(
                        "identity.rate-limit.requests", "3",
                        "identity.rate-limit.verify-requests", "2",
                        "identity.rate-limit.period", "1h",
                        "identity.rate-limit.global-registrations", "4",
                        "identity.rate-limit.global-period", "1h"));
    }

    private static Api api(ConfigurableApplicationContext context) {
        return Instances.api(context);
    }

    @Test
    void countsAClientsResendsOnceAcrossInstances() {
        String client = Api.randomClientIp();
        Map<String, String> body = Map.of("email", Api.uniqueEmail("shared"));

        assertThat(api(first).post("/auth/verify-email/resend", body, client).status())
                .isEqualTo(202);
        assertThat(api(second).post("/auth/verify-email/resend", body, client).status())
                .isEqualTo(202);
        assertThat(api(first).post("/auth/verify-email/resend", body, client).status())
                .isEqualTo(202);

        assertLimited(api(second).post("/auth/verify-email/resend", body, client));
        assertLimited(api(first).post("/auth/verify-email/resend", body, client));
        assertThat(api(second)
                        .post("/auth/verify-email/resend", body, Api.randomClientIp())
                        .status())
                .isEqualTo(202);
    }

    @Test
    void limitsEmailVerificationPerClientAcrossInstances() {
        String client = Api.randomClientIp();
        Map<String, String> body = Map.of("token", "not-a-real-token");

        assertThat(api(first).post("/auth/verify-email", body, client).status()).isEqualTo(400);
        assertThat(api(second).post("/auth/verify-email", body, client).status())
                .isEqualTo(400);

        assertLimited(api(first).post("/auth/verify-email", body, client));
        assertThat(api(second)
                        .post("/auth/verify-email", body, Api.randomClientIp())
                        .status())
                .isEqualTo(400);
    }

    @Test
    void limitsAllRegistrationsTogetherWhateverTheirAddresses() {
        for (int i = 0; i < 4; i++) {
            Api api = api(i % 2 == 0 ? first : second);
            Api.Response created = api.post("/auth/register", Api.registration(Api.uniqueEmail("global")));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }

        Api.Response limited = api(first).post("/auth/register", Api.registration(Api.uniqueEmail("global")));
        assertLimited(limited);
        assertThat(limited.json().get("detail").asString()).contains("too many registrations");
    }

    private static void assertLimited(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(429);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("code").asString()).isEqualTo("rate-limited");
        assertThat(Long.parseLong(response.header("Retry-After"))).isPositive();
    }
}
