package com.gopherpay.identity.registration;

import static org.assertj.core.api.Assertions.assertThat;

import com.gopherpay.identity.Api;
import com.gopherpay.identity.IdentityServiceTestBase;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** What clients see when the request itself is wrong: always problem+json, never a 500 or a stack trace. */
class HttpEdgeIT extends IdentityServiceTestBase {

    @Test
    void listsEveryInvalidFieldWithAHumanMessage() {
        Api.Response response = api().post(
                        "/auth/register",
                        Map.of("email", "nope", "password", "short", "confirmPassword", "other", "fullName", " "));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("type").asString()).isEqualTo("https://gopherpay.dev/problems/validation-failed");
        assertThat(problem.get("code").asString()).isEqualTo("validation-failed");
        assertThat(problem.get("title").asString()).isEqualTo("Validation failed");
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        Map<String, String> errors = new HashMap<>();
        problem.get("errors")
                .forEach(e ->
                        errors.put(e.get("field").asString(), e.get("message").asString()));
        assertThat(errors)
                .containsEntry("email", "Enter a valid email address, like name@example.com.")
                .containsEntry("password", "Use at least 15 characters.")
                .containsEntry("confirmPassword", "The passwords do not match.")
                .containsEntry("fullName", "Enter your full name.");
        assertThat(response.body()).doesNotContain("short");
    }

    @Test
    void answersMalformedJsonWithAProblem() {
        Api.Response response =
                api().send("/auth/register", "application/json", "{\"email\": \"a@b.co\",", Api.randomClientIp());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("code").asString()).isEqualTo("malformed-request");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at com.");
    }

    @Test
    void answersAWrongContentTypeWith415() {
        Api.Response response = api().send("/auth/register", "text/plain", "hello", Api.randomClientIp());

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("code").asString()).isEqualTo("unsupported-media-type");
    }

    @Test
    void refusesBodiesOver16KiB() {
        String big = "x".repeat(17 * 1024);
        Api.Response response = api().post("/auth/register", Map.of("email", "a@example.com", "fullName", big));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("code").asString()).isEqualTo("payload-too-large");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/%61uth/register", "/auth;x=1/register", "/auth/./register", "/AUTH/register"})
    void refusesBodiesOver16KiBWhateverTheSpellingOfThePath(String path) {
        String big = "x".repeat(17 * 1024);
        Api.Response response = api().post(path, Map.of("email", "a@example.com", "fullName", big));

        // The cap runs in the container's pipeline before any path is mapped, so no spelling of a path escapes it.
        assertThat(response.status()).as(path).isEqualTo(413);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("code").asString()).isEqualTo("payload-too-large");
    }

    @Test
    void answersAWrongJsonShapeWithAProblem() {
        Api.Response response = api().send("/auth/verify-email", "application/json", "[1,2,3]", Api.randomClientIp());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("code").asString()).isEqualTo("malformed-request");
    }

    @Test
    void validatesTheVerificationAndResendBodies() {
        Api.Response verify = api().post("/auth/verify-email", Map.of("token", ""));
        Api.Response resend = api().post("/auth/verify-email/resend", Map.of());

        assertThat(verify.status()).isEqualTo(400);
        assertThat(verify.json().get("errors").get(0).get("field").asString()).isEqualTo("token");
        assertThat(resend.status()).isEqualTo(400);
        assertThat(resend.json().get("errors").get(0).get("field").asString()).isEqualTo("email");
    }

    /** NUL and lone surrogates, which JSON can carry but PostgreSQL text cannot: 400 or the usual answer, never 500. */
    @ParameterizedTest
    @ValueSource(strings = {"\\u0000", "\\ud800", "\\udfff\\ud800"})
    void answersCharactersTheDatabaseCannotStoreWithoutAServerError(String escape) {
        String password = "violet-Harbour-93-kite";
        String email = Api.uniqueEmail("odd");
        for (String field : new String[] {"email", "password", "fullName", "locale", "timeZone"}) {
            Map<String, String> body = new HashMap<>(Map.of(
                    "email", email, "password", password, "confirmPassword", password, "fullName", "Ada Lovelace"));
            body.put(field, body.getOrDefault(field, "x") + "ESCAPE");
            if (field.equals("password")) {
                body.put("confirmPassword", body.get("password"));
            }
            Api.Response response = sendWithEscape("/auth/register", body, escape);
            if (field.equals("password") && escape.equals("\\u0000")) {
                // A NUL can be part of a password: it is only ever hashed, never stored.
                assertThat(response.status()).as(response.body()).isEqualTo(201);
                continue;
            }
            assertThat(response.status()).as(field + " " + response.body()).isEqualTo(400);
            assertThat(response.json().get("errors").get(0).get("field").asString())
                    .isEqualTo(field);
        }

        Api.Response verify =
                sendWithEscape("/auth/verify-email", Map.of("token", "abcESCAPEdef", "password", password), escape);
        assertThat(verify.status()).as(verify.body()).isEqualTo(400);
        assertThat(verify.json().get("code").asString()).isEqualTo("token-invalid");
        for (String field : new String[] {"password", "newPassword"}) {
            Api.Response withPassword = sendWithEscape(
                    "/auth/verify-email", Map.of("token", "abcdef", field, "x" + password + "ESCAPE"), escape);
            assertThat(withPassword.status()).as(withPassword.body()).isEqualTo(400);
            assertThat(withPassword.header("Content-Type")).startsWith("application/problem+json");
        }

        Api.Response resend =
                sendWithEscape("/auth/verify-email/resend", Map.of("email", "aESCAPEb@example.com"), escape);
        assertThat(resend.status()).as(resend.body()).isEqualTo(202);
    }

    /** The escape goes into the JSON text as written, the way a hand-made client would send it. */
    private Api.Response sendWithEscape(String path, Map<String, String> body, String escape) {
        String json = Api.JSON.writeValueAsString(body).replace("ESCAPE", escape);
        return api().send(path, "application/json", json, Api.randomClientIp());
    }
}
