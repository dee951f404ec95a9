package com.gopherpay.identity.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.gopherpay.embedded.testing.TestDatabase;
import com.gopherpay.embedded.testing.TestDatabases;
import com.gopherpay.embedded.testing.TestKafka;
import com.gopherpay.identity.Api;
import com.gopherpay.identity.IdentityApplication;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
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
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    private static ConfigurableApplicationContext start() {
        // As command-line arguments: they outrank application.properties, as a deployment's settings would.
        return new SpringApplicationBuilder(IdentityApplication.class)
                .run(Map.ofEntries(
                                Map.entry("server.port", "0"),
                                Map.entry("management.server.port", "0"),
                                Map.entry("spring.datasource.url", database.jdbcUrl()),
                                Map.entry("spring.datasource.username", database.username()),
                                Map.entry("spring.datasource.password", database.password()),
                                Map.entry(
                                        "identity.kafka.bootstrap-servers",
                                        TestKafka.shared().bootstrapServers()),
                                Map.entry("server.forward-headers-strategy", "native"),
                                Map.entry("identity.token.generate-ephemeral-key", "true"),
                                Map.entry("identity.rate-limit.requests", "3"),
                                Map.entry("identity.rate-limit.verify-requests", "2"),
                                Map.entry("identity.rate-limit.period", "1h"),
                                Map.entry("identity.rate-limit.global-registrations", "4"),
                                Map.entry("identity.rate-limit.global-period", "1h"))
                        .entrySet()
                        .stream()
                        .map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new));
    }

    private static Api api(ConfigurableApplicationContext context) {
        return new Api(((WebServerApplicationContext) context).getWebServer().getPort());
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
