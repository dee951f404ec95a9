package com.gopherpay.identity.signin;

import static org.assertj.core.api.Assertions.assertThat;

import com.gopherpay.identity.Api;
import com.gopherpay.identity.SignInTestBase;
import com.gopherpay.identity.SignedIn;
import com.gopherpay.identity.password.PasswordHasher;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class SignInIT extends SignInTestBase {

    @Autowired
    PasswordHasher hasher;

    @Autowired
    SignInThrottleCleanup cleanup;

    @Test
    void signsInAnActiveAccountWithTokensThatVerifyAgainstThePublishedKeys() throws Exception {
        String email = Api.uniqueEmail("signin");
        String userId = activeAccount(email);

        Api.Response response = login(email.toUpperCase(java.util.Locale.ROOT));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        assertThat(response.header("Pragma")).isEqualTo("no-cache");
        JsonNode body = response.json();
        assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isEqualTo(600);
        assertThat(body.get("refresh_token").asString()).hasSize(43);

        SignedJWT jwt = SignedJWT.parse(body.get("access_token").asString());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        JWKSet published = JWKSet.parse(api().get("/.well-known/jwks.json").body());
        ECKey key = (ECKey) published.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key).isNotNull();
        assertThat(key.isPrivate()).isFalse();
        assertThat(jwt.verify(new ECDSAVerifier(key))).isTrue();

        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(PUBLIC_BASE_URL);
        assertThat(claims.getSubject()).isEqualTo(userId);
        assertThat(claims.getAudience()).containsExactly("gopherpay");
        assertThat(claims.getStringClaim("email")).isEqualTo(email);
        assertThat(claims.getBooleanClaim("email_verified")).isTrue();
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(Duration.between(
                        claims.getIssueTime().toInstant(),
                        claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void answersAWrongPasswordAndAnUnknownAddressAlike() {
        String email = Api.uniqueEmail("wrong");
        activeAccount(email);

        Api.Response wrongPassword = login(email, "not-the-Password-at-all-1");
        Api.Response unknownAddress = login(Api.uniqueEmail("nobody"), "not-the-Password-at-all-1");
        Api.Response notAnAddress = login("not an address", "not-the-Password-at-all-1");

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(wrongPassword.header("Content-Type")).startsWith("application/problem+json");
        assertThat(wrongPassword.json().get("code").asString()).isEqualTo("invalid-credentials");
        assertThat(unknownAddress.status()).isEqualTo(401);
        assertThat(unknownAddress.body()).isEqualTo(wrongPassword.body());
        assertThat(notAnAddress.body()).isEqualTo(wrongPassword.body());
    }

    @Test
    void tellsAPendingAccountToVerifyOnlyAfterTheRightPassword() {
        String email = Api.uniqueEmail("pending");
        register(email);

        Api.Response wrong = login(email, "not-the-Password-at-all-1");
        Api.Response right = login(email);

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(right.status()).isEqualTo(403);
        assertThat(right.json().get("code").asString()).isEqualTo("email-not-verified");
        assertThat(right.json().get("resendUri").asString()).isEqualTo("/auth/verify-email/resend");
        assertThat(right.body()).doesNotContain("access_token");
    }

    @Test
    void upgradesAHashMadeWithOtherParametersAndStillSignsIn() {
        String email = Api.uniqueEmail("upgrade");
        String userId = activeAccount(email);
        String old = phc(Api.PASSWORD, 8192, 1);
        jdbc.sql("UPDATE identity.users SET password_hash = ? WHERE id = ?::uuid")
                .params(old, userId)
                .update();

        assertThat(login(email).status()).isEqualTo(200);

        String upgraded = storedHash(userId);
        assertThat(upgraded).isNotEqualTo(old).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(hasher.needsRehash(upgraded)).isFalse();
        assertThat(hasher.matches(Api.PASSWORD, upgraded)).isTrue();
        assertThat(login(email).status()).isEqualTo(200);
        assertThat(storedHash(userId)).isEqualTo(upgraded);
    }

    @Test
    void throttlesAnAccountWithIncreasingDelaysAndRecovers() {
        String email = Api.uniqueEmail("throttle");
        activeAccount(email);
        for (int i = 0; i < 5; i++) {
            assertThat(login(email, "wrong-Password-number-" + i).status()).isEqualTo(401);
        }

        Api.Response throttled = login(email);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.json().get("code").asString()).isEqualTo("too-many-requests");
        assertThat(throttled.header("Retry-After")).isEqualTo("1");

        clock.advance(Duration.ofSeconds(1));
        assertThat(login(email, "wrong-Password-again-1").status()).isEqualTo(401);
        Api.Response longer = login(email);
        assertThat(longer.status()).isEqualTo(429);
        assertThat(longer.header("Retry-After")).isEqualTo("2");

        clock.advance(Duration.ofSeconds(2));
        assertThat(login(email).status()).isEqualTo(200);
        // A success starts the count afresh.
        assertThat(login(email, "wrong-Password-again-2").status()).isEqualTo(401);
        assertThat(login(email).status()).isEqualTo(200);
    }

    @Test
    void throttlesAnUnknownAddressTheSameWay() {
        String email = Api.uniqueEmail("ghost");
        for (int i = 0; i < 5; i++) {
            assertThat(login(email, "wrong-Password-number-" + i).status()).isEqualTo(401);
        }
        Api.Response throttled = login(email, "wrong-Password-number-6");
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isEqualTo("1");
    }

    @Test
    void forgetsTheCountsOfAddressesWithoutAttemptsForAnHour() {
        String email = Api.uniqueEmail("forgotten");
        login(email, "wrong-Password-number-1");
        assertThat(throttleRows(email)).isEqualTo(1);

        clock.advance(Duration.ofMinutes(59));
        cleanup.cleanUp();
        assertThat(throttleRows(email)).isEqualTo(1);

        clock.advance(Duration.ofMinutes(1));
        assertThat(cleanup.cleanUp()).isPositive();
        assertThat(throttleRows(email)).isZero();
    }

    private int throttleRows(String email) {
        return jdbc.sql("SELECT count(*) FROM identity.sign_in_throttle WHERE account_key = sha256(convert_to(?,"
                        + " 'UTF8'))")
                .param(email.toLowerCase(java.util.Locale.ROOT))
                .query(Integer.class)
                .single();
    }

    @Test
    void limitsSignInsPerClient() {
        String client = Api.randomClientIp();
        String email = Api.uniqueEmail("client");
        String body = Api.JSON.writeValueAsString(Map.of("email", email, "password", "whatever-Password-1"));
        Api.Response last = null;
        for (int i = 0; i < 31; i++) {
            last = SignedIn.request(port, "POST", "/auth/login", body, client, Map.of());
        }
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.json().get("code").asString()).isEqualTo("rate-limited");
        assertThat(last.header("Retry-After")).isNotBlank();
    }

    @Test
    void deliversTheRefreshTokenAsCookiesToBrowsers() {
        String email = Api.uniqueEmail("cookie");
        activeAccount(email);

        Api.Response response = SignedIn.login(port, email, Api.PASSWORD, Map.of("Refresh-Token-Delivery", "cookie"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().has("refresh_token")).isFalse();
        assertThat(response.json().get("access_token").asString()).isNotBlank();
        String refresh = SignedIn.setCookie(response, "gp_refresh").orElseThrow();
        assertThat(SignedIn.cookieValue(refresh)).hasSize(43);
        assertThat(refresh)
                .contains("Path=/auth/token", "HttpOnly", "SameSite=Strict", "Max-Age=2592000")
                // Plain http to 127.0.0.1: a Secure cookie would never be sent back.
                .doesNotContain("Secure");
        String csrf = SignedIn.setCookie(response, "gp_csrf").orElseThrow();
        assertThat(SignedIn.cookieValue(csrf)).hasSize(43);
        assertThat(csrf).contains("Path=/", "SameSite=Strict").doesNotContain("HttpOnly");
    }

    @Test
    void marksTheCookiesSecureOverHttps() {
        String email = Api.uniqueEmail("secure");
        activeAccount(email);

        // As from the TLS-terminating proxy the tests trust (server.forward-headers-strategy=native).
        Api.Response response = SignedIn.login(
                port, email, Api.PASSWORD, Map.of("Refresh-Token-Delivery", "cookie", "X-Forwarded-Proto", "https"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(SignedIn.setCookie(response, "gp_refresh").orElseThrow()).contains("; Secure");
        assertThat(SignedIn.setCookie(response, "gp_csrf").orElseThrow()).contains("; Secure");
    }

    @Test
    void refusesBadInputWithAProblemNeverA500() {
        assertThat(post("/auth/login", "{\"email\":", Map.of())
                        .json()
                        .get("code")
                        .asString())
                .isEqualTo("malformed-request");
        assertThat(post("/auth/login", "{\"email\":{\"a\":1},\"password\":[1]}", Map.of())
                        .status())
                .isEqualTo(400);
        Api.Response missing = post("/auth/login", "{\"email\":\"a@example.com\"}", Map.of());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("code").asString()).isEqualTo("validation-failed");
        assertThat(missing.json().get("errors").get(0).get("field").asString()).isEqualTo("password");
        Api.Response huge = post(
                "/auth/login",
                Api.JSON.writeValueAsString(Map.of("email", "a".repeat(5000) + "@example.com", "password", "x")),
                Map.of());
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.json().get("code").asString()).isEqualTo("validation-failed");
        Api.Response nul =
                post("/auth/login", "{\"email\":\"a\\u0000@example.com\",\"password\":\"x\\u0000\"}", Map.of());
        assertThat(nul.status()).isEqualTo(401);
        Api.Response surrogate =
                post("/auth/login", "{\"email\":\"a@example.com\",\"password\":\"\\ud800\"}", Map.of());
        assertThat(surrogate.status()).isEqualTo(400);
    }

    private String storedHash(String userId) {
        return jdbc.sql("SELECT password_hash FROM identity.users WHERE id = ?::uuid")
                .param(userId)
                .query(String.class)
                .single();
    }

    /** A PHC string as an older configuration would have written it. */
    private static String phc(String password, int memoryKib, int iterations) {
        byte[] salt = "sixteen-byte-sal".getBytes(StandardCharsets.US_ASCII);
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(1)
                .withSalt(salt)
                .build());
        byte[] hash = new byte[32];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), hash);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=1$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(hash);
    }
}
