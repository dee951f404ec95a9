package com.gopherpay.identity.emailchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.gopherpay.identity.Api;
import com.gopherpay.identity.IdentityEvents;
import com.gopherpay.identity.SignInTestBase;
import com.gopherpay.identity.SignedIn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/** Request → two emails → confirm or cancel, against the running service with real PostgreSQL and Kafka. */
@ExtendWith(OutputCaptureExtension.class)
class EmailChangeIT extends SignInTestBase {

    private static final String VERIFICATION = "email-change-verification";
    private static final String REQUESTED = "email-change-requested";

    @Autowired
    DataSource dataSource;

    @Test
    void switchesTheAddressOnlyOnceTheNewMailboxConfirms(CapturedOutput output) {
        String oldEmail = Api.uniqueEmail("change-old");
        String newEmail = Api.uniqueEmail("change-new");
        String userId = activeAccount(oldEmail);
        JsonNode session = login(oldEmail).json();
        String refreshToken = session.get("refresh_token").asString();

        Api.Response requested = requestChange(session.get("access_token").asString(), newEmail, Api.PASSWORD);

        assertThat(requested.status()).as(requested.body()).isEqualTo(202);
        JsonNode verification = awaitMail(userId, VERIFICATION).get(0);
        JsonNode notice = awaitMail(userId, REQUESTED).get(0);
        assertThat(verification.get("to").get("email").asString()).isEqualTo(newEmail);
        assertThat(verification.get("to").get("subscriberId").asString()).isEqualTo(userId);
        String confirmLink = verification.get("payload").get("confirmLink").asString();
        assertThat(confirmLink).startsWith(PUBLIC_BASE_URL + "/confirm-email-change?token=");
        assertThat(notice.get("to").get("email").asString()).isEqualTo(oldEmail);
        assertThat(notice.get("payload").get("newEmail").asString()).isEqualTo(newEmail);
        String cancelLink = notice.get("payload").get("cancelLink").asString();
        assertThat(cancelLink).startsWith(PUBLIC_BASE_URL + "/cancel-email-change?token=");
        String confirmToken = token(confirmLink);
        String cancelToken = token(cancelLink);
        assertThat(confirmToken).isNotEqualTo(cancelToken);
        // Nothing switched yet.
        assertThat(login(newEmail).status()).isEqualTo(401);
        assertThat(login(oldEmail).status()).isEqualTo(200);
        // A reset link sent to the old address before the switch must not work after it.
        assertThat(post("/auth/password/forgot", Api.JSON.writeValueAsString(Map.of("email", oldEmail)), Map.of())
                        .status())
                .isEqualTo(202);
        String resetLink = awaitMail(userId, "password-reset")
                .get(0)
                .get("payload")
                .get("resetLink")
                .asString();

        Api.Response confirmed = post("/account/email/confirm", tokenBody(confirmToken), Map.of());

        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.json().get("email").asString()).isEqualTo(newEmail);
        assertThat(login(oldEmail).status()).isEqualTo(401);
        Api.Response signedIn = login(newEmail);
        assertThat(signedIn.status()).isEqualTo(200);
        assertThat(refresh(refreshToken).status()).isEqualTo(401);
        Api.Response reset = post(
                "/auth/password/reset",
                Api.JSON.writeValueAsString(Map.of(
                        "token",
                        token(resetLink),
                        "password",
                        "new-Lantern-47-orchard",
                        "confirmPassword",
                        "new-Lantern-47-orchard")),
                Map.of());
        assertThat(reset.status()).as(reset.body()).isEqualTo(400);
        assertThat(reset.json().get("code").asString()).isEqualTo("reset-token-invalid");
        Api.Response account = SignedIn.request(
                port,
                "GET",
                "/account",
                null,
                Api.randomClientIp(),
                bearer(signedIn.json().get("access_token").asString()));
        assertThat(account.json().get("email").asString()).isEqualTo(newEmail);
        assertThat(account.json().get("emailVerified").asBoolean()).isTrue();
        assertThat(jdbc.sql("SELECT status FROM identity.users WHERE id = ?::uuid")
                        .param(userId)
                        .query(String.class)
                        .single())
                .isEqualTo("ACTIVE");
        // A used link stays used; the cancel link of a confirmed change is too late.
        Api.Response again = post("/account/email/confirm", tokenBody(confirmToken), Map.of());
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("code").asString()).isEqualTo("email-change-token-invalid");
        assertThat(post("/account/email/cancel", tokenBody(cancelToken), Map.of())
                        .status())
                .isEqualTo(400);

        ConsumerRecord<String, String> event = await().atMost(Duration.ofSeconds(30))
                .until(() -> eventsOfType(userId, "email-changed"), list -> !list.isEmpty())
                .get(0);
        IdentityEvents.assertValid(event, userId, newEmail);
        assertThat(IdentityEvents.data(event).get("previousEmail").asString()).isEqualTo(oldEmail);
        assertThat(event.value()).doesNotContain(confirmToken).doesNotContain(cancelToken);
        assertThat(auditOutcomes(userId)).contains("requested", "confirmed", "confirm-invalid", "cancel-invalid");

        LoggerFactory.getLogger(EmailChangeService.class).warn("log capture control {}", userId);
        assertThat(output.getAll())
                .contains("log capture control " + userId)
                .doesNotContain(confirmToken)
                .doesNotContain(cancelToken)
                .doesNotContain("email-change?token=")
                .doesNotContain(Api.PASSWORD);
    }

    @Test
    void refusesAWrongPasswordAndStoresNothing() {
        String email = Api.uniqueEmail("change-wrong");
        String userId = activeAccount(email);

        Api.Response refused =
                requestChange(accessToken(email), Api.uniqueEmail("change-target"), "not-my-password-at-all");

        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.json().get("code").asString()).isEqualTo("current-password-incorrect");
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("password");
        assertThat(changesOf(userId)).isZero();
        assertThat(auditOutcomes(userId)).contains("password-incorrect");
    }

    @Test
    void wrongPasswordsCountAgainstTheAccountsSignInThrottle() {
        String email = Api.uniqueEmail("change-guess");
        String userId = activeAccount(email);
        String access = accessToken(email);
        String target = Api.uniqueEmail("change-guess-target");

        // identity.sign-in.free-attempts (5) wrong passwords, each from another client address.
        for (int i = 0; i < 5; i++) {
            assertThat(requestChange(access, target, "wrong-password-number-" + i)
                            .status())
                    .isEqualTo(403);
        }
        Api.Response throttled = requestChange(access, target, Api.PASSWORD);
        Api.Response signIn = login(email);

        assertThat(throttled.status()).as(throttled.body()).isEqualTo(429);
        assertThat(throttled.json().get("code").asString()).isEqualTo("too-many-requests");
        assertThat(throttled.header("Retry-After")).isNotBlank();
        // Guesses here and at /auth/login share one count per account.
        assertThat(signIn.status()).isEqualTo(429);
        assertThat(changesOf(userId)).isZero();
        assertThat(auditOutcomes(userId)).contains("throttled");
    }

    @Test
    void validatesTheNewAddressLikeRegistration() {
        String email = Api.uniqueEmail("change-invalid");
        String userId = activeAccount(email);
        String token = accessToken(email);

        Api.Response malformed = requestChange(token, "not-an-address", Api.PASSWORD);
        Api.Response accented = requestChange(token, "jürgen@example.com", Api.PASSWORD);
        Api.Response same = requestChange(token, "  " + email.toUpperCase(java.util.Locale.ROOT) + " ", Api.PASSWORD);
        Api.Response blank = requestChange(token, " ", "");

        assertThat(fieldMessage(malformed, "newEmail"))
                .isEqualTo("Enter a valid email address, like name@example.com.");
        assertThat(fieldMessage(accented, "newEmail")).startsWith("We cannot send email to addresses with accents");
        assertThat(fieldMessage(same, "newEmail")).isEqualTo("This is already your email address. Enter the new one.");
        assertThat(fieldMessage(blank, "newEmail")).isEqualTo("Enter your email address.");
        assertThat(fieldMessage(blank, "password")).isEqualTo("Enter your current password.");
        // The same registration rule refuses the same input with the same words.
        Api.Response registration = api().post("/auth/register", Api.registration("not-an-address"));
        assertThat(fieldMessage(registration, "email")).isEqualTo(fieldMessage(malformed, "newEmail"));
        assertThat(changesOf(userId)).isZero();

        Api.Response unsigned = post("/account/email", body("x@example.com", Api.PASSWORD), Map.of());
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(unsigned.json().get("code").asString()).isEqualTo("invalid-token");
    }

    @Test
    void theCurrentAddressCanCancel() {
        String oldEmail = Api.uniqueEmail("change-cancel");
        String newEmail = Api.uniqueEmail("change-cancel-new");
        String userId = activeAccount(oldEmail);
        assertThat(requestChange(accessToken(oldEmail), newEmail, Api.PASSWORD).status())
                .isEqualTo(202);
        String confirmToken = token(awaitMail(userId, VERIFICATION)
                .get(0)
                .get("payload")
                .get("confirmLink")
                .asString());
        String cancelToken = token(awaitMail(userId, REQUESTED)
                .get(0)
                .get("payload")
                .get("cancelLink")
                .asString());

        Api.Response cancelled = post("/account/email/cancel", tokenBody(cancelToken), Map.of());

        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        Api.Response confirm = post("/account/email/confirm", tokenBody(confirmToken), Map.of());
        assertThat(confirm.status()).isEqualTo(400);
        assertThat(confirm.json().get("code").asString()).isEqualTo("email-change-token-invalid");
        assertThat(login(oldEmail).status()).isEqualTo(200);
        assertThat(login(newEmail).status()).isEqualTo(401);
        assertThat(auditOutcomes(userId)).contains("cancelled");
    }

    @Test
    void aNewRequestReplacesThePendingOne() {
        String email = Api.uniqueEmail("change-twice");
        String userId = activeAccount(email);
        String access = accessToken(email);
        assertThat(requestChange(access, Api.uniqueEmail("change-first"), Api.PASSWORD)
                        .status())
                .isEqualTo(202);
        String first = token(awaitMail(userId, VERIFICATION)
                .get(0)
                .get("payload")
                .get("confirmLink")
                .asString());
        String second = Api.uniqueEmail("change-second");
        assertThat(requestChange(access, second, Api.PASSWORD).status()).isEqualTo(202);
        String latest = token(awaitMail(userId, VERIFICATION, 2)
                .get(1)
                .get("payload")
                .get("confirmLink")
                .asString());

        assertThat(post("/account/email/confirm", tokenBody(first), Map.of()).status())
                .isEqualTo(400);
        Api.Response confirmed = post("/account/email/confirm", tokenBody(latest), Map.of());
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.json().get("email").asString()).isEqualTo(second);
    }

    @Test
    void expiredLinksAnswerGone() {
        String email = Api.uniqueEmail("change-expired");
        String userId = activeAccount(email);
        assertThat(requestChange(accessToken(email), Api.uniqueEmail("change-late"), Api.PASSWORD)
                        .status())
                .isEqualTo(202);
        String confirmToken = token(awaitMail(userId, VERIFICATION)
                .get(0)
                .get("payload")
                .get("confirmLink")
                .asString());
        String cancelToken = token(awaitMail(userId, REQUESTED)
                .get(0)
                .get("payload")
                .get("cancelLink")
                .asString());

        clock.advance(Duration.ofMinutes(60).plusSeconds(1));

        Api.Response confirm = post("/account/email/confirm", tokenBody(confirmToken), Map.of());
        Api.Response cancel = post("/account/email/cancel", tokenBody(cancelToken), Map.of());
        assertThat(confirm.status()).isEqualTo(410);
        assertThat(confirm.json().get("code").asString()).isEqualTo("email-change-token-expired");
        assertThat(cancel.status()).isEqualTo(410);
        assertThat(login(email).status()).isEqualTo(200);
        Api.Response unknown = post("/account/email/confirm", tokenBody("no-such-token"), Map.of());
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("code").asString()).isEqualTo("email-change-token-invalid");
    }

    @Test
    void failsCleanlyWhenSomeoneRegisteredTheNewAddressMeanwhile() {
        String oldEmail = Api.uniqueEmail("change-race");
        String newEmail = Api.uniqueEmail("change-race-new");
        String userId = activeAccount(oldEmail);
        assertThat(requestChange(accessToken(oldEmail), newEmail, Api.PASSWORD).status())
                .isEqualTo(202);
        String confirmToken = token(awaitMail(userId, VERIFICATION)
                .get(0)
                .get("payload")
                .get("confirmLink")
                .asString());
        String otherId = register(newEmail);

        Api.Response conflict = post("/account/email/confirm", tokenBody(confirmToken), Map.of());

        assertThat(conflict.status()).as(conflict.body()).isEqualTo(409);
        assertThat(conflict.json().get("code").asString()).isEqualTo("email-change-conflict");
        assertThat(conflict.json().get("detail").asString()).contains("your address was not changed");
        assertNothingSwitched(userId, oldEmail, otherId, newEmail);
        // The change is over: the link does not work again.
        assertThat(post("/account/email/confirm", tokenBody(confirmToken), Map.of())
                        .status())
                .isEqualTo(400);
    }

    @Test
    void theUniqueIndexDecidesARegistrationCommittedDuringTheSwitch() throws Exception {
        String oldEmail = Api.uniqueEmail("change-index");
        String newEmail = Api.uniqueEmail("change-index-new");
        String userId = activeAccount(oldEmail);
        assertThat(requestChange(accessToken(oldEmail), newEmail, Api.PASSWORD).status())
                .isEqualTo(202);
        String confirmToken = token(awaitMail(userId, VERIFICATION)
                .get(0)
                .get("payload")
                .get("confirmLink")
                .asString());
        UUID otherId = UUID.randomUUID();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (Connection registration = dataSource.getConnection()) {
            // A registration of the new address, not committed yet: the confirm's check cannot see it, its switch
            // waits on the unique index until the registration commits, then loses.
            registration.setAutoCommit(false);
            try (PreparedStatement insert = registration.prepareStatement(
                    "INSERT INTO identity.users (id, email, email_canonical, full_name, password_hash, status,"
                            + " created_at) VALUES (?, ?, ?, 'Grace Hopper', 'x', 'PENDING_VERIFICATION', ?)")) {
                insert.setObject(1, otherId);
                insert.setString(2, newEmail);
                insert.setString(3, newEmail);
                insert.setTimestamp(4, Timestamp.from(Instant.now()));
                insert.executeUpdate();
            }
            Future<Api.Response> confirm =
                    executor.submit(() -> post("/account/email/confirm", tokenBody(confirmToken), Map.of()));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                                            + " AND query LIKE 'UPDATE users SET email = %'")
                                    .query(Integer.class)
                                    .single()
                            > 0);
            registration.commit();

            Api.Response conflict = confirm.get(30, TimeUnit.SECONDS);
            assertThat(conflict.status()).as(conflict.body()).isEqualTo(409);
            assertThat(conflict.json().get("code").asString()).isEqualTo("email-change-conflict");
        } finally {
            executor.shutdownNow();
        }
        assertNothingSwitched(userId, oldEmail, otherId.toString(), newEmail);
    }

    @Test
    void anAddressTakenAtRequestTimeGetsTheSameAnswerAndNoLink() {
        String takenEmail = Api.uniqueEmail("change-taken");
        String freeEmail = Api.uniqueEmail("change-free");
        String ownerId = activeAccount(takenEmail);
        String email = Api.uniqueEmail("change-requester");
        String userId = activeAccount(email);
        String access = accessToken(email);

        Api.Response taken = requestChange(access, takenEmail, Api.PASSWORD);
        JsonNode notice = awaitMail(userId, REQUESTED).get(0);
        Api.Response free = requestChange(access, freeEmail, Api.PASSWORD);

        assertThat(taken.status()).isEqualTo(202);
        assertThat(taken.body()).isEqualTo(free.body());
        assertThat(taken.raw().headers().map().keySet())
                .isEqualTo(free.raw().headers().map().keySet());
        // The notice to the current address reads the same either way.
        assertThat(notice.get("to").get("email").asString()).isEqualTo(email);
        assertThat(notice.get("payload").get("newEmail").asString()).isEqualTo(takenEmail);
        // The free request's mails come after the taken one's on the user's partition, so by the time they are read
        // any confirm link of the taken request would have been read too.
        List<JsonNode> links = awaitMail(userId, VERIFICATION);
        assertThat(awaitMail(userId, REQUESTED, 2)).hasSize(2);
        assertThat(links).hasSize(1);
        assertThat(links.get(0).get("to").get("email").asString()).isEqualTo(freeEmail);
        assertThat(mails(ownerId).stream().map(m -> m.get("name").asString())).doesNotContain(VERIFICATION, REQUESTED);
    }

    private void assertNothingSwitched(String userId, String oldEmail, String otherId, String newEmail) {
        assertThat(jdbc.sql("SELECT email FROM identity.users WHERE id = ?::uuid")
                        .param(userId)
                        .query(String.class)
                        .single())
                .isEqualTo(oldEmail);
        assertThat(userIdOf(newEmail)).isEqualTo(otherId);
        assertThat(login(oldEmail).status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT count(*) FROM identity.email_changes WHERE user_id = ?::uuid AND failed_at IS NOT"
                                + " NULL")
                        .param(userId)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(auditOutcomes(userId)).contains("conflict").doesNotContain("confirmed");
        assertThat(eventsOfType(userId, "email-changed")).isEmpty();
    }

    private Api.Response requestChange(String accessToken, String newEmail, String password) {
        return post("/account/email", body(newEmail, password), bearer(accessToken));
    }

    private static String body(String newEmail, String password) {
        return Api.JSON.writeValueAsString(Map.of("newEmail", newEmail, "password", password));
    }

    private static String tokenBody(String token) {
        return Api.JSON.writeValueAsString(Map.of("token", token));
    }

    private String accessToken(String email) {
        return login(email).json().get("access_token").asString();
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private static String token(String link) {
        return link.substring(link.indexOf("token=") + "token=".length());
    }

    private static String fieldMessage(Api.Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("code").asString()).isEqualTo("validation-failed");
        for (JsonNode error : response.json().get("errors")) {
            if (field.equals(error.get("field").asString())) {
                return error.get("message").asString();
            }
        }
        throw new AssertionError("No error for " + field + " in " + response.body());
    }

    /** The Novu triggers queued for the account so far, oldest first. */
    private static List<JsonNode> mails(String userId) {
        return recordsFor(userId).stream()
                .map(record -> Api.JSON.readTree(record.value()))
                .toList();
    }

    private static List<JsonNode> awaitMail(String userId, String workflow) {
        return awaitMail(userId, workflow, 1);
    }

    private static List<JsonNode> awaitMail(String userId, String workflow, int n) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> mails(userId).stream()
                                .filter(mail -> workflow.equals(mail.get("name").asString()))
                                .toList(),
                        list -> list.size() >= n);
    }

    private static List<ConsumerRecord<String, String>> eventsOfType(String userId, String type) {
        return IdentityEvents.of(bootstrapServers(), userId).stream()
                .filter(record -> type.equals(IdentityEvents.type(record)))
                .toList();
    }

    private int changesOf(String userId) {
        return jdbc.sql("SELECT count(*) FROM identity.email_changes WHERE user_id = ?::uuid")
                .param(userId)
                .query(Integer.class)
                .single();
    }

    private List<String> auditOutcomes(String userId) {
        return jdbc.sql("SELECT outcome FROM identity.audit_events WHERE user_id = ?::uuid AND action = 'email-change'")
                .param(userId)
                .query(String.class)
                .list();
    }
}
