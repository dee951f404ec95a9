package com.gopherpay.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * service. One stack serves every test of the class; each test uses addresses of its own.
 */
class LocalStackEndToEndIT {

    private static final Pattern LINK = Pattern.compile("(http://[^\\s\"<>]+/verify-email\\?token=([A-Za-z0-9_-]+))");
    private static final ObjectMapper json = new ObjectMapper();
    private static final HttpClient http = HttpClient.newHttpClient();
    private static LaunchedStack stack;
    private static MailboxApi mailbox;

    @BeforeAll
    static void startStack() throws Exception {
        stack = LaunchedStack.launch(Map.of(), "--fresh");
        mailbox = new MailboxApi(stack);
        stack.awaitReady(Duration.ofMinutes(4));
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (stack == null) {
            return;
        }
        stack.stopAndCheckNothingIsLeft();
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
    void recoversAForgottenPasswordThroughTheMailboxAndEndsTheOldSessions() throws Exception {
        String email = "recovery-" + UUID.randomUUID() + "@example.com";
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String oldPassword = "Copper-Kettle-Meadow-" + suffix;
        String newPassword = "Silver-Lantern-Harbour-" + suffix;
        registerAndVerify(email, oldPassword, "Katherine Johnson");
        HttpResponse<String> signedIn = signIn(email, oldPassword);
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
        String oldRefreshToken =
                json.readTree(signedIn.body()).path("refresh_token").asText();
        assertThat(oldRefreshToken).isNotBlank();

        // Asking for an address without an account looks exactly like asking for one with an account.
        String unknown = "nobody-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> forUnknown = post("/auth/password/forgot", Map.of("email", unknown));
        HttpResponse<String> forKnown = post("/auth/password/forgot", Map.of("email", email));
        assertThat(forKnown.statusCode()).as(forKnown.body()).isEqualTo(202);
        assertThat(forUnknown.statusCode()).isEqualTo(202);
        assertThat(forUnknown.body()).isEqualTo(forKnown.body());
        assertThat(forUnknown.headers().firstValue("Content-Type"))
                .isEqualTo(forKnown.headers().firstValue("Content-Type"));

        URI link = mailbox.awaitLink(email, "/reset-password");
        assertThat(link.toString())
                .startsWith(stack.url("IDENTITY_PORT", "/reset-password?token=").toString());
        String token = link.getQuery().substring("token=".length());
        JsonNode resetMail =
                mailbox.awaitMessageTo(email, "the reset email", m -> MailboxApi.hasLinkTo(m, "/reset-password"));
        assertThat(resetMail.path("HTML").asText()).contains("reset-password?token=" + token);
        assertThat(resetMail.path("Text").asText() + resetMail.path("HTML").asText())
                .doesNotContain(oldPassword);

        // Opening the link only serves the form (mail scanners open links too), kept out of caches and referrers.
        HttpResponse<String> page =
                http.send(HttpRequest.newBuilder(link).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.body()).contains("/js/reset-password.js");
        // The page states the length rule the server applies, read from the server.
        JsonNode rules = json.readTree(get(stack.url("IDENTITY_PORT", "/auth/password/rules")));
        assertThat(rules.path("minLength").asInt()).isEqualTo(15);
        assertThat(rules.path("maxLength").asInt()).isEqualTo(128);

        HttpResponse<String> reset = post(
                "/auth/password/reset",
                Map.of("token", token, "password", newPassword, "confirmPassword", newPassword));
        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
        assertThat(json.readTree(reset.body()).path("addressVerifiedNow").asBoolean(true))
                .as("the address was verified before")
                .isFalse();
        HttpResponse<String> again = post(
                "/auth/password/reset",
                Map.of("token", token, "password", newPassword, "confirmPassword", newPassword));
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(code(again)).isEqualTo("reset-token-invalid");

        HttpResponse<String> withOldPassword = signIn(email, oldPassword);
        assertThat(withOldPassword.statusCode()).isEqualTo(401);
        assertThat(code(withOldPassword)).isEqualTo("invalid-credentials");
        HttpResponse<String> withNewPassword = signIn(email, newPassword);
        assertThat(withNewPassword.statusCode()).as(withNewPassword.body()).isEqualTo(200);
        HttpResponse<String> oldSession = post("/auth/token/refresh", Map.of("refresh_token", oldRefreshToken));
        assertThat(oldSession.statusCode())
                .as("the session from before the reset")
                .isEqualTo(401);
        assertThat(code(oldSession)).isEqualTo("invalid-refresh-token");

        JsonNode notice = mailbox.awaitMessageTo(
                email,
                "the password-changed notice",
                message -> !MailboxApi.hasLinkTo(message, "/reset-password")
                        && !MailboxApi.hasLinkTo(message, "/verify-email"));
        assertThat(notice.path("Subject").asText() + notice.path("Text").asText())
                .containsIgnoringCase("password");
        assertThat(notice.path("Text").asText() + notice.path("HTML").asText()).doesNotContain(newPassword);
        assertThat(mailbox.messagesTo(unknown))
                .as("nothing is sent to an address without an account")
                .isEmpty();
    }

    @Test
    void signInAnswersAnUnknownAddressAndAWrongPasswordAlike() throws Exception {
        String email = "signin-" + UUID.randomUUID() + "@example.com";
        String password = "Quiet-Harbour-Pebble-" + UUID.randomUUID().toString().substring(0, 8);
        registerAndVerify(email, password, "Dorothy Vaughan");

        HttpResponse<String> wrongPassword = signIn(email, "not-" + password);
        HttpResponse<String> unknownAddress = signIn("nobody-" + UUID.randomUUID() + "@example.com", password);

        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(unknownAddress.statusCode()).isEqualTo(401);
        assertThat(withoutInstance(unknownAddress)).isEqualTo(withoutInstance(wrongPassword));
        assertThat(code(wrongPassword)).isEqualTo("invalid-credentials");
        assertThat(unknownAddress.headers().firstValue("Content-Type"))
                .isEqualTo(wrongPassword.headers().firstValue("Content-Type"));
    }

    /** Registers through the API and confirms the address with the link from the dev mailbox. */
    private static void registerAndVerify(String email, String password, String fullName) throws Exception {
        HttpResponse<String> registered = post(
                "/auth/register",
                Map.of("email", email, "password", password, "confirmPassword", password, "fullName", fullName));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        URI link = mailbox.awaitLink(email, "/verify-email");
        String token = link.getQuery().substring("token=".length());
        HttpResponse<String> verified = post("/auth/verify-email", Map.of("token", token, "password", password));
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
    }

    private static HttpResponse<String> signIn(String email, String password) throws Exception {
        return post("/auth/login", Map.of("email", email, "password", password));
    }

    private static String code(HttpResponse<String> problem) throws Exception {
        return json.readTree(problem.body()).path("code").asText();
    }

    /** The problem without {@code instance}, the one member that names the request rather than the answer. */
    private static JsonNode withoutInstance(HttpResponse<String> problem) throws Exception {
        JsonNode body = json.readTree(problem.body());
        if (body instanceof ObjectNode object) {
            object.remove("instance");
        }
        return body;
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
