package com.gopherpay.identity.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.gopherpay.identity.Api;
import com.gopherpay.identity.IdentityServiceTestBase;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/**
 * What the public port shows: the API, its pages and bare probes; metrics and health details only on the management
 * port, which binds to loopback unless configured otherwise.
 */
class PublicSurfaceIT extends IdentityServiceTestBase {

    @Value("${management.server.address}")
    String managementAddress;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/actuator",
                "/actuator/prometheus",
                "/actuator/metrics",
                "/actuator/metrics/identity.registrations",
                "/actuator/health",
                "/actuator/health/db",
                "/actuator/health/liveness",
                "/actuator/info",
                "/actuator/env",
                "/v3/api-docs",
                "/v3/api-docs/swagger-config",
                "/swagger-ui.html",
                "/swagger-ui/index.html"
            })
    void hidesActuatorAndApiDocsFromThePublicPort(String path) {
        Api.Response response = api().get(path);

        assertThat(response.status()).as(path).isEqualTo(404);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/livez", "/readyz"})
    void answersProbesOnThePublicPortWithAStatusOnly(String path) {
        Api.Response response = api().get(path);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().properties()).hasSize(1);
        assertThat(response.json().get("status").asString()).isEqualTo("UP");
    }

    @Test
    void servesHealthDetailsAndMetricsOnTheManagementPort() {
        Api management = new Api(managementPort);
        Api.Response health = management.get("/actuator/health");
        assertThat(health.status()).as(health.body()).isEqualTo(200);
        JsonNode components = health.json().get("components");
        assertThat(components.get("db").get("status").asString()).isEqualTo("UP");
        assertThat(components.get("kafka").get("status").asString()).isEqualTo("UP");

        register(Api.uniqueEmail("metrics"));
        Api.Response metrics = management.get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("identity_registrations_total{outcome=\"created\"")
                .contains("identity_password_hash_seconds_count")
                .contains("identity_outbox_backlog")
                .contains("identity_outbox_oldest_age_seconds")
                .contains("identity_outbox_publish_failures_total")
                .doesNotContain("argon2id$");
        assertThat(management.get("/actuator/metrics").status()).isEqualTo(200);
        assertThat(managementAddress).as("default management.server.address").isEqualTo("127.0.0.1");
    }

    @Test
    void capsBodiesAndAnswersProblemsOnTheManagementPortToo() throws Exception {
        RawHttp.Answer tooLarge = RawHttp.stream(
                managementPort,
                "PUT /actuator/health HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded"
                        + "\r\nTransfer-Encoding: chunked",
                64L * 1024 * 1024,
                true);
        RawHttp.Answer badUri = RawHttp.send(managementPort, "GET /% HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close");

        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.bodyBytesWritten()).isLessThan(16L * 1024 * 1024);
        assertThat(badUri.status()).isEqualTo(400);
        assertThat(badUri.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void sendsHstsWhenATrustedProxySaysTheClientUsedHttps() {
        Api.Response overHttps = api().send(
                        "/auth/verify-email/resend",
                        "application/json",
                        "{\"email\":\"a@example.com\"}",
                        Api.randomClientIp(),
                        Map.of("X-Forwarded-Proto", "https"));
        Api.Response overHttp = api().post("/auth/verify-email/resend", Map.of("email", "a@example.com"));

        assertThat(overHttps.header("Strict-Transport-Security")).isEqualTo("max-age=31536000; includeSubDomains");
        assertThat(overHttp.header("Strict-Transport-Security")).isNull();
    }

    @Test
    void buildsTheEmailedLinkFromThePublicBaseUrlWhateverTheHostHeader() throws Exception {
        String email = Api.uniqueEmail("host");
        byte[] body = Api.JSON.writeValueAsString(Api.registration(email)).getBytes(StandardCharsets.UTF_8);
        RawHttp.Answer answer = RawHttp.send(
                port,
                "POST /auth/register HTTP/1.1\r\nHost: evil.example:666\r\nX-Forwarded-Host: evil.example"
                        + "\r\nContent-Type: application/json\r\nConnection: close\r\nX-Forwarded-For: "
                        + Api.randomClientIp() + "\r\nContent-Length: " + body.length,
                body,
                false);

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        assertThat(answer.header("Location"))
                .as("a registration names no account")
                .isNull();
        String id = userIdOf(email);
        String link = Api.JSON
                .readTree(awaitRecord(id))
                .get("payload")
                .get("verificationLink")
                .asString();
        assertThat(link).startsWith(PUBLIC_BASE_URL + "/verify-email?token=").doesNotContain("evil");
    }

    @Test
    void storesNoLocaleLongerThanTheBodyFieldWouldAccept() throws Exception {
        String tooLong = "en-aaaaaaaa-bbbbbbbb-cccccccc-dddddddd-eeeeeeee";
        Api.Response response = api().send(
                        "/auth/register",
                        "application/json",
                        Api.JSON.writeValueAsString(Api.registration(Api.uniqueEmail("lang"))),
                        Api.randomClientIp(),
                        Map.of("Accept-Language", tooLong + ", de-AT;q=0.7"));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.json().get("locale").asString()).isEqualTo("de-AT");
    }

    private static String awaitRecord(String userId) {
        return org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> recordsFor(userId), list -> !list.isEmpty())
                .get(0)
                .value();
    }
}
