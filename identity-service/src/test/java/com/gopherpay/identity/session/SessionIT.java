package com.gopherpay.identity.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.gopherpay.identity.Api;
import com.gopherpay.identity.SignInTestBase;
import com.gopherpay.identity.SignedIn;
import com.gopherpay.identity.user.PasswordChanged;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

class SessionIT extends SignInTestBase {

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    SessionCleanup cleanup;

    @Test
    void rotatesTheRefreshTokenOnEveryUse() {
        String email = Api.uniqueEmail("rotate");
        activeAccount(email);
        String first = login(email).json().get("refresh_token").asString();

        Api.Response refreshed = refresh(first);

        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        assertThat(refreshed.header("Cache-Control")).isEqualTo("no-store");
        String second = refreshed.json().get("refresh_token").asString();
        assertThat(second).hasSize(43).isNotEqualTo(first);
        assertThat(refreshed.json().get("access_token").asString()).isNotBlank();
        assertThat(refresh(second).status()).isEqualTo(200);
        assertThat(storedHashes(first)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM identity.refresh_tokens WHERE token_hash = convert_to(?, 'UTF8')")
                        .param(first)
                        .query(Integer.class)
                        .single())
                .as("the raw token is not stored")
                .isZero();
    }

    @Test
    void reuseOfARotatedTokenEndsTheWholeSession() {
        String email = Api.uniqueEmail("reuse");
        activeAccount(email);
        String stolen = login(email).json().get("refresh_token").asString();
        String current = refresh(stolen).json().get("refresh_token").asString();
        clock.advance(Duration.ofSeconds(11)); // past the 10 s reuse grace

        Api.Response reused = refresh(stolen);

        assertThat(reused.status()).isEqualTo(401);
        assertThat(reused.json().get("code").asString()).isEqualTo("invalid-refresh-token");
        assertThat(refresh(current).status()).isEqualTo(401);
    }

    @Test
    void aSecondUseWithinTheReuseGraceIsAConcurrentRefreshNotAReuse() {
        String email = Api.uniqueEmail("twotabs");
        activeAccount(email);
        String shared = login(email).json().get("refresh_token").asString();
        String firstTab = refresh(shared).json().get("refresh_token").asString();
        clock.advance(Duration.ofSeconds(9));

        Api.Response secondTab = refresh(shared);

        assertThat(secondTab.status()).as(secondTab.body()).isEqualTo(200);
        String secondTabToken = secondTab.json().get("refresh_token").asString();
        assertThat(secondTabToken).isNotEqualTo(firstTab).isNotEqualTo(shared);
        assertThat(refresh(firstTab).status()).as("the session goes on").isEqualTo(200);
        assertThat(refresh(secondTabToken).status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(2));
        assertThat(refresh(shared).status())
                .as("11 s after its rotation the first token is a reuse")
                .isEqualTo(401);
        assertThat(refresh(firstTab).status())
                .as("and the reuse ended the session")
                .isEqualTo(401);
    }

    @Test
    void logoutEndsTheSessionAndAnswersUnknownTokensAlike() {
        String email = Api.uniqueEmail("logout");
        activeAccount(email);
        String token = login(email).json().get("refresh_token").asString();
        String other = login(email).json().get("refresh_token").asString();

        assertThat(post("/auth/logout", "{\"refresh_token\":\"" + token + "\"}", Map.of())
                        .status())
                .isEqualTo(204);
        assertThat(refresh(token).status()).isEqualTo(401);
        assertThat(refresh(other).status())
                .as("another sign-in is another session")
                .isEqualTo(200);
        assertThat(post("/auth/logout", "{\"refresh_token\":\"unknown\"}", Map.of())
                        .status())
                .isEqualTo(204);
        assertThat(post("/auth/logout", "{}", Map.of()).status()).isEqualTo(400);
    }

    @Test
    void theCleanupDeletesEndedSessionsWithTheirTokensAndKeepsLiveOnes() {
        String email = Api.uniqueEmail("cleanup");
        activeAccount(email);
        String ended = login(email).json().get("refresh_token").asString();
        String rotatedAway = refresh(ended).json().get("refresh_token").asString();
        post("/auth/logout", "{\"refresh_token\":\"" + rotatedAway + "\"}", Map.of());
        String live = login(email).json().get("refresh_token").asString();
        String liveRotated = refresh(live).json().get("refresh_token").asString();
        clock.advance(Duration.ofSeconds(1));

        assertThat(cleanup.cleanUp()).isPositive();

        assertThat(storedHashes(ended)).isZero();
        assertThat(storedHashes(rotatedAway)).isZero();
        assertThat(storedHashes(live)).as("kept for reuse detection").isEqualTo(1);
        assertThat(refresh(liveRotated).status()).isEqualTo(200);
        assertThat(refresh(ended).status()).isEqualTo(401);
    }

    @Test
    void refreshTokensExpire() {
        String email = Api.uniqueEmail("expire");
        activeAccount(email);
        String token = login(email).json().get("refresh_token").asString();

        clock.advance(Duration.ofDays(30).plusSeconds(1));

        assertThat(refresh(token).status()).isEqualTo(401);
    }

    @Test
    void aNewPasswordEndsEverySessionOfTheAccount() {
        String email = Api.uniqueEmail("changed");
        String userId = activeAccount(email);
        String one = login(email).json().get("refresh_token").asString();
        String two = login(email).json().get("refresh_token").asString();

        transactions.executeWithoutResult(
                status -> events.publishEvent(new PasswordChanged(UUID.fromString(userId), clock.instant())));

        assertThat(refresh(one).status()).isEqualTo(401);
        assertThat(refresh(two).status()).isEqualTo(401);
        assertThat(login(email).status()).as("signing in again works").isEqualTo(200);
    }

    @Test
    void browsersRefreshWithTheCookieAndTheCsrfHeader() {
        String email = Api.uniqueEmail("browser");
        activeAccount(email);
        Api.Response login = SignedIn.login(port, email, Api.PASSWORD, Map.of("Refresh-Token-Delivery", "cookie"));
        String refresh =
                SignedIn.cookieValue(SignedIn.setCookie(login, "gp_refresh").orElseThrow());
        String csrf = SignedIn.cookieValue(SignedIn.setCookie(login, "gp_csrf").orElseThrow());
        String cookies = "gp_refresh=" + refresh + "; gp_csrf=" + csrf;

        Api.Response noHeader = post("/auth/token/refresh", null, Map.of("Cookie", cookies));
        Api.Response wrongHeader =
                post("/auth/token/refresh", null, Map.of("Cookie", cookies, "X-CSRF-Token", csrf + "x"));
        Api.Response foreignOrigin = post(
                "/auth/token/refresh",
                null,
                Map.of("Cookie", cookies, "X-CSRF-Token", csrf, "Origin", "https://evil.example"));
        assertThat(noHeader.status()).isEqualTo(403);
        assertThat(noHeader.json().get("code").asString()).isEqualTo("csrf-check-failed");
        assertThat(wrongHeader.status()).isEqualTo(403);
        assertThat(foreignOrigin.status()).isEqualTo(403);

        Api.Response refreshed = post(
                "/auth/token/refresh",
                "{}",
                Map.of("Cookie", cookies, "X-CSRF-Token", csrf, "Origin", PUBLIC_BASE_URL));

        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        assertThat(refreshed.json().has("refresh_token")).isFalse();
        String rotated =
                SignedIn.cookieValue(SignedIn.setCookie(refreshed, "gp_refresh").orElseThrow());
        assertThat(rotated).hasSize(43).isNotEqualTo(refresh);
        String newCsrf =
                SignedIn.cookieValue(SignedIn.setCookie(refreshed, "gp_csrf").orElseThrow());

        Api.Response revoked = post(
                "/auth/token/revoke",
                null,
                Map.of("Cookie", "gp_refresh=" + rotated + "; gp_csrf=" + newCsrf, "X-CSRF-Token", newCsrf));
        assertThat(revoked.status()).isEqualTo(204);
        assertThat(SignedIn.setCookie(revoked, "gp_refresh").orElseThrow()).contains("Max-Age=0");
        assertThat(SignedIn.setCookie(revoked, "gp_csrf").orElseThrow()).contains("Max-Age=0");
        assertThat(refresh(rotated).status()).isEqualTo(401);
    }

    @Test
    void revokeWithoutTheCsrfHeaderChangesNothing() {
        String email = Api.uniqueEmail("revoke-csrf");
        activeAccount(email);
        Api.Response login = SignedIn.login(port, email, Api.PASSWORD, Map.of("Refresh-Token-Delivery", "cookie"));
        String refresh =
                SignedIn.cookieValue(SignedIn.setCookie(login, "gp_refresh").orElseThrow());

        Api.Response revoked = post("/auth/token/revoke", null, Map.of("Cookie", "gp_refresh=" + refresh));

        assertThat(revoked.status()).isEqualTo(403);
        assertThat(refresh(refresh).status()).isEqualTo(200);
    }

    @Test
    void refusesBadInputWithAProblemNeverA500() {
        assertThat(post("/auth/token/refresh", "{\"refresh_token\":", Map.of()).status())
                .isEqualTo(400);
        assertThat(post("/auth/token/refresh", "{\"refresh_token\":{\"a\":1}}", Map.of())
                        .status())
                .isEqualTo(400);
        assertThat(post("/auth/token/refresh", "{\"refresh_token\":\"" + "a".repeat(100_000) + "\"}", Map.of())
                        .status())
                .isIn(401, 413);
        assertThat(post("/auth/token/refresh", null, Map.of()).status()).isEqualTo(401);
        assertThat(post("/auth/logout", "[]", Map.of()).status()).isEqualTo(400);
    }

    private int storedHashes(String raw) {
        return jdbc.sql("SELECT count(*) FROM identity.refresh_tokens WHERE token_hash = sha256(convert_to(?, 'UTF8'))")
                .param(raw)
                .query(Integer.class)
                .single();
    }
}
