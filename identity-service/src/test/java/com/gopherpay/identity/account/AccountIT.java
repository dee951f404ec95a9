package com.gopherpay.identity.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.gopherpay.identity.Api;
import com.gopherpay.identity.SignInTestBase;
import com.gopherpay.identity.SignedIn;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AccountIT extends SignInTestBase {

    @Test
    void showsTheSignedInAccount() {
        String email = Api.uniqueEmail("account");
        String userId = activeAccount(email);

        Api.Response response = get("/account", bearer(accessToken(email)));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode account = response.json();
        assertThat(account.get("id").asString()).isEqualTo(userId);
        assertThat(account.get("email").asString()).isEqualTo(email);
        assertThat(account.get("fullName").asString()).isEqualTo("Ada Lovelace");
        assertThat(account.get("emailVerified").asBoolean()).isTrue();
        assertThat(account.get("createdAt").asString()).isNotBlank();
        assertThat(account.get("settings").get("locale").asString()).isNotBlank();
        assertThat(account.get("settings").get("timeZone").asString()).isNotBlank();
        assertThat(account.get("settings").get("marketingOptIn").asBoolean()).isFalse();
    }

    @Test
    void refusesMissingInvalidAndExpiredTokensAlike() {
        String email = Api.uniqueEmail("account-token");
        activeAccount(email);
        String token = accessToken(email);

        Api.Response none = get("/account", Map.of());
        Api.Response garbage = get("/account", bearer("not.a.token"));
        Api.Response tampered = get("/account", bearer(token.substring(0, token.length() - 4) + "AAAA"));
        Api.Response basic = get("/account", Map.of("Authorization", "Basic dXNlcjpwYXNz"));
        clock.advance(Duration.ofMinutes(10).plusSeconds(6));
        Api.Response expired = get("/account", bearer(token));

        for (Api.Response response : new Api.Response[] {none, garbage, tampered, basic, expired}) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.json().get("code").asString()).isEqualTo("invalid-token");
            assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
            assertThat(response.body()).isEqualTo(none.body());
        }
    }

    @Test
    void changesOnlyTheSettingsSent() {
        String email = Api.uniqueEmail("settings");
        activeAccount(email);
        Map<String, String> auth = bearer(accessToken(email));

        Api.Response changed =
                patch(auth, "{\"locale\":\"de-DE\",\"timeZone\":\"Europe/Berlin\",\"marketingOptIn\":true}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("settings").get("locale").asString()).isEqualTo("de-DE");
        assertThat(changed.json().get("settings").get("timeZone").asString()).isEqualTo("Europe/Berlin");
        assertThat(changed.json().get("settings").get("marketingOptIn").asBoolean())
                .isTrue();

        Api.Response partly = patch(auth, "{\"marketingOptIn\":false}");
        assertThat(partly.json().get("settings").get("locale").asString()).isEqualTo("de-DE");
        assertThat(partly.json().get("settings").get("marketingOptIn").asBoolean())
                .isFalse();
        assertThat(get("/account", auth).json().get("settings"))
                .isEqualTo(partly.json().get("settings"));
    }

    @Test
    void refusesUnknownLocalesAndTimeZonesNamingTheFields() {
        String email = Api.uniqueEmail("settings-bad");
        activeAccount(email);
        Map<String, String> auth = bearer(accessToken(email));

        Api.Response bad = patch(auth, "{\"locale\":\"not_a_tag!\",\"timeZone\":\"Mars/Olympus\"}");

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("code").asString()).isEqualTo("validation-failed");
        assertThat(bad.json().get("errors").findValuesAsString("field")).containsExactly("locale", "timeZone");
        assertThat(patch(auth, "{\"locale\":").json().get("code").asString()).isEqualTo("malformed-request");
        assertThat(patch(auth, "{\"marketingOptIn\":{\"x\":1}}").status()).isEqualTo(400);
        assertThat(patch(auth, "{\"timeZone\":\"" + "x".repeat(10_000) + "\"}").status())
                .isEqualTo(400);
        assertThat(patch(Map.of(), "{\"marketingOptIn\":true}").status()).isEqualTo(401);
    }

    private String accessToken(String email) {
        return login(email).json().get("access_token").asString();
    }

    private Api.Response get(String path, Map<String, String> headers) {
        return SignedIn.request(port, "GET", path, null, Api.randomClientIp(), headers);
    }

    private Api.Response patch(Map<String, String> headers, String body) {
        return SignedIn.request(port, "PATCH", "/account/settings", body, Api.randomClientIp(), headers);
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }
}
