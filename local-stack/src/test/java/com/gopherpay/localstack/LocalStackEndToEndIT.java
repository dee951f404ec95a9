package com.gopherpay.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Starts the stack as the README does and drives the whole flow through its public HTTP surfaces only: the identity
 * API, and the dev mailbox's Mailpit-shaped API where the email arrives after Kafka, Connect and the notification
 * service.
 */
class LocalStackEndToEndIT {

    private static final Pattern LINK = Pattern.compile("(http://[^\\s\"<>]+/verify-email\\?token=([A-Za-z0-9_-]+))");
    private static final ObjectMapper json = new ObjectMapper();
    private static final HttpClient http = HttpClient.newHttpClient();
    private static LaunchedStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        stack = LaunchedStack.launch(Map.of(), "--fresh");
        stack.awaitReady(Duration.ofMinutes(4));
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (stack == null) {
            return;
        }
        try {
            assertThat(stack.stop()).as("exit code after SIGTERM").isIn(0, 143);
            await("every process of the stack gone")
                    .atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(stack.survivors()).isEmpty());
        } finally {
            stack.close();
        }
    }

    @Test
    void registersReceivesTheEmailAndVerifiesTheAddressOnce() throws Exception {
        String email = "e2e-" + UUID.randomUUID() + "@example.com";
        String password =
                "Correct-Horse-Battery-" + UUID.randomUUID().toString().substring(0, 8);

        HttpResponse<String> registered = post(
                "/auth/register",
                Map.of("email", email, "password", password, "confirmPassword", password, "fullName", "Ada Lovelace"));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);

        JsonNode mail = await("the verification email in the dev mailbox")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> findMessageTo(email), found -> found != null);
        String html = mail.path("HTML").asText();
        String text = mail.path("Text").asText();
        Matcher link = LINK.matcher(text);
        assertThat(link.find())
                .as("a verification link in the plain-text part: %s", text)
                .isTrue();
        assertThat(html).contains("verify-email?token=" + link.group(2));
        assertThat(html + text).doesNotContain(password);

        HttpResponse<String> page = http.send(
                HttpRequest.newBuilder(URI.create(link.group(1))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);

        // Confirming proves the password too, so whoever registered someone else's address cannot have them confirm it.
        HttpResponse<String> wrong =
                post("/auth/verify-email", Map.of("token", link.group(2), "password", "not-" + password));
        assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(400);
        assertThat(json.readTree(wrong.body()).path("code").asText()).isEqualTo("password-incorrect");

        HttpResponse<String> verified =
                post("/auth/verify-email", Map.of("token", link.group(2), "password", password));
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);

        HttpResponse<String> again = post("/auth/verify-email", Map.of("token", link.group(2), "password", password));
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));

        HttpResponse<String> duplicate = post(
                "/auth/register",
                Map.of(
                        "email",
                        email.toUpperCase(),
                        "password",
                        password,
                        "confirmPassword",
                        password,
                        "fullName",
                        "Ada"));
        assertThat(duplicate.statusCode()).isEqualTo(409);
    }

    @Test
    void connectShowsTheApiKeyOnlyAsAConfigProviderPlaceholder() throws Exception {
        String apiKey = Files.readString(Path.of(stack.ports.get("GOPHERPAY_DATA_DIR"), "notification-api-key"))
                .strip();
        String connector = get(stack.url("CONNECT_PORT", "/connectors/email-verification-novu-sink"));
        String tasks = get(stack.url("CONNECT_PORT", "/connectors/email-verification-novu-sink/tasks"));

        assertThat(json.readTree(connector).path("config").path("novu.api.key").asText())
                .isEqualTo("${env:NOVU_API_KEY}");
        assertThat(connector + tasks).isNotBlank().doesNotContain(apiKey);
    }

    private static JsonNode findMessageTo(String email) throws Exception {
        JsonNode list = json.readTree(get(stack.url("MAILBOX_PORT", "/api/v1/messages")));
        for (JsonNode summary : list.path("messages")) {
            for (JsonNode to : summary.path("To")) {
                if (to.path("Address").asText().equalsIgnoreCase(email)) {
                    return json.readTree(get(stack.url(
                            "MAILBOX_PORT",
                            "/api/v1/message/" + summary.path("ID").asText())));
                }
            }
        }
        return null;
    }

    @Test
    void servesTheApiDocsAndKeepsMetricsOnIdentitysLoopbackManagementPort() throws Exception {
        assertThat(status(stack.url("IDENTITY_PORT", "/v3/api-docs"))).isEqualTo(200);
        assertThat(status(stack.url("IDENTITY_PORT", "/swagger-ui.html"))).isIn(200, 302);
        assertThat(status(stack.url("IDENTITY_PORT", "/readyz"))).isEqualTo(200);
        assertThat(status(stack.url("IDENTITY_PORT", "/actuator/prometheus"))).isEqualTo(404);

        Matcher metrics = Pattern.compile("Identity metrics\\s+(http://127\\.0\\.0\\.1:\\d+/actuator/prometheus)")
                .matcher(stack.outputText());
        assertThat(metrics.find()).as(stack.outputText()).isTrue();
        assertThat(get(URI.create(metrics.group(1)))).contains("jvm_memory_used_bytes");
    }

    private static int status(URI url) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(url)
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static String get(URI url) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(url)
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static HttpResponse<String> post(String path, Map<String, String> body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(stack.url("IDENTITY_PORT", path))
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
