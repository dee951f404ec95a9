package com.gopherpay.identity.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.gopherpay.identity.Api;
import com.gopherpay.identity.IdentityEvents;
import com.gopherpay.identity.IdentityServiceTestBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The operator API on its own connector, with the admin token. */
class AdminApiIT extends IdentityServiceTestBase {

    static final String TOKEN = IdentityServiceTestBase.ADMIN_TOKEN;

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    AdminConnector connector;

    @ParameterizedTest
    @ValueSource(strings = {"", "Bearer", "Bearer wrong-token", "Basic dXNlcjpwYXNz", "Bearer " + TOKEN + "x"})
    void refusesRequestsWithoutTheRightTokenWith401Problem(String authorization) throws Exception {
        HttpResponse<String> response = admin("GET", "/admin/users/pending", authorization);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(Api.JSON.readTree(response.body()).get("code").asString()).isEqualTo("admin-unauthorized");
    }

    @Test
    void servesAdminPathsOnlyOnTheAdminConnectorAndNothingElseThere() throws Exception {
        Api.Response publicAdmin = api().get("/admin/users/pending");
        assertThat(publicAdmin.status()).isEqualTo(404);

        HttpResponse<String> registrationOnAdmin = admin("GET", "/livez", "Bearer " + TOKEN);
        assertThat(registrationOnAdmin.statusCode()).isEqualTo(404);
    }

    @Test
    void listsPendingAccountsInKeysetPagesMarksVerifiedResendsDeletesAndReadsTheAuditTrail() throws Exception {
        clock.advance(Duration.ofDays(400)); // a time after every account other tests made
        List<String> ids = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String email = Api.uniqueEmail("admin-" + i);
            emails.add(email);
            ids.add(register(email));
            clock.advance(Duration.ofSeconds(1));
        }
        String since = clock.instant().minusSeconds(3).minusMillis(1).toString();

        // Pages of two, from the first of ours (everything older belongs to other tests).
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            String query = "/admin/users/pending?limit=2&createdBefore=" + clock.instant()
                    + (cursor == null ? "" : "&after=" + cursor);
            JsonNode page =
                    Api.JSON.readTree(admin("GET", query, "Bearer " + TOKEN).body());
            page.get("items").forEach(item -> {
                if (item.get("createdAt").asString().compareTo(since) >= 0) {
                    seen.add(item.get("id").asString());
                }
            });
            cursor = page.get("next").isNull() ? null : page.get("next").asString();
        } while (cursor != null);
        assertThat(seen).containsExactlyElementsOf(ids);

        HttpResponse<String> verified = admin("POST", "/admin/users/" + ids.get(0) + "/verify", "Bearer " + TOKEN);
        assertThat(verified.statusCode()).isEqualTo(200);
        assertThat(Api.JSON.readTree(verified.body()).get("status").asString()).isEqualTo("ACTIVE");
        assertThat(IdentityEvents.await(bootstrapServers(), ids.get(0), 2))
                .extracting(IdentityEvents::type)
                .containsExactly("registered", "email-verified");

        clock.advance(Duration.ofMinutes(2));
        HttpResponse<String> resent =
                admin("POST", "/admin/users/" + ids.get(1) + "/verification-email", "Bearer " + TOKEN);
        assertThat(resent.statusCode()).isEqualTo(202);
        assertThat(Api.JSON.readTree(resent.body()).get("outcome").asString()).isEqualTo("sent");
        awaitToken(ids.get(1), 2);
        HttpResponse<String> again =
                admin("POST", "/admin/users/" + ids.get(1) + "/verification-email", "Bearer " + TOKEN);
        assertThat(Api.JSON.readTree(again.body()).get("outcome").asString()).isEqualTo("cooldown");

        HttpResponse<String> deleted = admin("DELETE", "/admin/users/" + ids.get(2), "Bearer " + TOKEN);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(admin("DELETE", "/admin/users/" + ids.get(2), "Bearer " + TOKEN)
                        .statusCode())
                .isEqualTo(404);
        var deletion = IdentityEvents.await(bootstrapServers(), ids.get(2), 2);
        IdentityEvents.assertValid(deletion.get(1), ids.get(2), emails.get(2));
        assertThat(IdentityEvents.data(deletion.get(1)).get("reason").asString())
                .isEqualTo("operator");

        JsonNode audit =
                Api.JSON.readTree(admin("GET", "/admin/users/" + ids.get(1) + "/audit-events", "Bearer " + TOKEN)
                        .body());
        List<String> actions = new ArrayList<>();
        audit.forEach(row -> actions.add(
                row.get("action").asString() + ":" + row.get("outcome").asString()));
        assertThat(actions)
                .contains(
                        "operator:resend:sent",
                        "verification.resend:sent",
                        "operator:resend:cooldown",
                        "registered:created");
    }

    @Test
    void answersBadParametersWithA400Problem() throws Exception {
        for (String path : List.of(
                "/admin/users/pending?limit=0",
                "/admin/users/pending?createdBefore=yesterday",
                "/admin/users/pending?after=not-a-cursor",
                "/admin/users/not-a-uuid/audit-events",
                "/admin/users/" + UUID.randomUUID() + "/audit-events?limit=100000")) {
            HttpResponse<String> response = admin("GET", path, "Bearer " + TOKEN);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type").orElse(""))
                    .as(path)
                    .startsWith("application/problem+json");
        }
        assertThat(admin("POST", "/admin/users/" + UUID.randomUUID() + "/verify", "Bearer " + TOKEN)
                        .statusCode())
                .isEqualTo(404);
    }

    private HttpResponse<String> admin(String method, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + connector.localPort() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (!authorization.isEmpty()) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
