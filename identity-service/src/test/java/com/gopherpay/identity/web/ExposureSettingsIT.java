package com.gopherpay.identity.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.gopherpay.embedded.testing.TestDatabase;
import com.gopherpay.embedded.testing.TestDatabases;
import com.gopherpay.embedded.testing.TestKafka;
import com.gopherpay.identity.Api;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The service with its own defaults for proxies (no forwarded header is trusted) and springdoc's two switches turned
 * on, as the local stack sets them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExposureSettingsIT {

    private static final TestDatabase database = TestDatabases.create("identity_exposure");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", database::jdbcUrl);
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", database::password);
        registry.add(
                "identity.kafka.bootstrap-servers", () -> TestKafka.shared().bootstrapServers());
        registry.add("management.server.port", () -> "0");
        registry.add("identity.token.generate-ephemeral-key", () -> "true");
        registry.add("springdoc.api-docs.enabled", () -> "true");
        registry.add("springdoc.swagger-ui.enabled", () -> "true");
        registry.add("identity.rate-limit.requests", () -> "2");
        registry.add("identity.rate-limit.period", () -> "1h");
    }

    @Test
    void servesTheApiDocumentAndSwaggerUiWhenTurnedOn() {
        Api api = new Api(port);
        Api.Response openApi = api.get("/v3/api-docs");
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.json().get("paths").has("/auth/register")).isTrue();
        JsonNode info = openApi.json().get("info");
        assertThat(info.get("title").asString()).isEqualTo("GopherPay Identity API");
        assertThat(info.get("version").asString()).isEqualTo(projectVersion());
        assertThat(info.get("description").asString()).startsWith("Registration and email verification.");
        assertThat(info.get("contact").get("email").asString()).isEqualTo("identity@gopherpay.dev");
        assertThat(api.get("/swagger-ui.html").status()).isIn(200, 302);
        assertThat(api.get("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    @Test
    void trustsNoForwardedHeadersWithoutAConfiguredProxy() {
        Api api = new Api(port);
        Map<String, String> https = Map.of("X-Forwarded-Proto", "https");
        String body = "{\"email\":\"a@example.com\"}";

        // Each request claims another client address; without a trusted proxy all of them are this one connection.
        Api.Response first =
                api.send("/auth/verify-email/resend", "application/json", body, Api.randomClientIp(), https);
        Api.Response second = api.send("/auth/verify-email/resend", "application/json", body, Api.randomClientIp());
        Api.Response third = api.send("/auth/verify-email/resend", "application/json", body, Api.randomClientIp());

        assertThat(first.status()).isEqualTo(202);
        assertThat(first.header("Strict-Transport-Security")).isNull();
        assertThat(second.status()).isEqualTo(202);
        assertThat(third.status()).isEqualTo(429);
    }

    /** The version Maven is building, handed over by Failsafe. */
    private static String projectVersion() {
        return Objects.requireNonNull(System.getProperty("identity.expected-version"), "run through Maven Failsafe");
    }
}
