package com.gopherpay.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.gopherpay.embedded.testing.TestDatabase;
import com.gopherpay.embedded.testing.TestDatabases;
import com.gopherpay.embedded.testing.TestKafka;
import com.gopherpay.identity.cleanup.CleanupSchedule;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two instances of the service on one database, as a deployment runs them: the send budget, the cleanup job and the
 * verification reminders each hold across both, whichever instance a request or a schedule runs on.
 */
class TwoInstancesIT {

    private static final TestDatabase database = TestDatabases.create("identity_two_instances");
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void startTwoInstances() {
        first = start();
        second = start();
    }

    @AfterAll
    static void stop() {
        Instances.stop(first, second);
    }

    private static ConfigurableApplicationContext start() {
        return Instances.start(
                database,
                Map.of(
                        "identity.outbox.sweep-interval", "500ms",
                        // The schedules are run by the test, on both instances at once.
                        "identity.cleanup.enabled", "false",
                        // Only the send budget limits the forgot-password emails here.
                        "identity.password-reset.request-cooldown", "0s",
                        "identity.password-reset.request-limit", "100",
                        "identity.send-budget.short-limit", "3"));
    }

    private static Api api(ConfigurableApplicationContext context) {
        return Instances.api(context);
    }

    private static JdbcClient jdbc() {
        return first.getBean(JdbcClient.class);
    }

    private static String userId(String email) {
        return jdbc().sql("SELECT id::text FROM identity.users WHERE email_canonical = ?")
                .param(email.toLowerCase(java.util.Locale.ROOT))
                .query(String.class)
                .single();
    }

    private static List<ConsumerRecord<String, String>> mails(String userId) {
        return TopicReader.read(
                TestKafka.shared().bootstrapServers(), "email-verification", r -> userId.equals(r.key()));
    }

    private static long audited(String userId, String action, String outcome) {
        return jdbc().sql("SELECT count(*) FROM identity.audit_events WHERE user_id = ?::uuid AND action = ?"
                        + " AND outcome = ?")
                .params(userId, action, outcome)
                .query(Long.class)
                .single();
    }

    @Test
    void oneSendBudgetPerAddressHoldsAcrossInstancesWhileEveryAnswerStaysTheSame() {
        String email = Api.uniqueEmail("budget");
        assertThat(api(first).post("/auth/register", Api.registration(email)).status())
                .isEqualTo(201);
        String userId = userId(email);

        for (int i = 0; i < 6; i++) {
            Api.Response answer =
                    api(i % 2 == 0 ? second : first).post("/auth/password/forgot", Map.of("email", email));
            assertThat(answer.status()).isEqualTo(202);
        }
        // Each request is handled after its 202, on either instance; all six end in an audit row.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc().sql("SELECT count(*) FROM identity.audit_events WHERE user_id = ?::uuid"
                                        + " AND action = 'password-reset.requested'")
                                .param(userId)
                                .query(Long.class)
                                .single()
                        == 6);

        // The verification email and two reset emails: three in the window, the other four requests sent nothing.
        assertThat(audited(userId, "password-reset.requested", "sent")).isEqualTo(2);
        assertThat(audited(userId, "password-reset.requested", "budget")).isEqualTo(4);
        await().atMost(Duration.ofSeconds(30)).until(() -> mails(userId).size() == 3);
        assertThat(jdbc().sql("SELECT count(*) FROM identity.password_resets WHERE user_id = ?::uuid")
                        .param(userId)
                        .query(Long.class)
                        .single())
                .as("no reset link was issued for an email that was not sent")
                .isEqualTo(2);
    }

    @Test
    void bothInstancesRunningCleanupAndRemindersAtOnceActOnEachAccountOnce() throws Exception {
        String staleEmail = Api.uniqueEmail("two-stale");
        String dueEmail = Api.uniqueEmail("two-reminder");
        assertThat(api(first)
                        .post("/auth/register", Api.registration(staleEmail))
                        .status())
                .isEqualTo(201);
        assertThat(api(second)
                        .post("/auth/register", Api.registration(dueEmail))
                        .status())
                .isEqualTo(201);
        String stale = userId(staleEmail);
        String due = userId(dueEmail);
        // Registered 8 days and 25 hours ago, as far as the jobs can tell.
        jdbc().sql("UPDATE identity.users SET created_at = now() - interval '8 days' WHERE id = ?::uuid")
                .param(stale)
                .update();
        jdbc().sql("UPDATE identity.users SET created_at = now() - interval '25 hours' WHERE id = ?::uuid")
                .param(due)
                .update();

        CyclicBarrier start = new CyclicBarrier(2);
        Callable<Void> firstRun = () -> runHousekeeping(first, start);
        Callable<Void> secondRun = () -> runHousekeeping(second, start);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (var run : pool.invokeAll(List.of(firstRun, secondRun))) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(jdbc().sql("SELECT count(*) FROM identity.users WHERE id = ?::uuid")
                        .param(stale)
                        .query(Long.class)
                        .single())
                .isZero();
        var staleEvents = IdentityEvents.await(TestKafka.shared().bootstrapServers(), stale, 2);
        assertThat(staleEvents).extracting(IdentityEvents::type).containsExactly("registered", "deleted");
        assertThat(audited(stale, "deleted", "never-verified")).isEqualTo(1);

        var dueMails = await().atMost(Duration.ofSeconds(30)).until(() -> mails(due), list -> list.size() >= 2);
        assertThat(dueMails).hasSize(2);
        assertThat(TopicReader.header(dueMails.get(1), "event-type")).isEqualTo("VerificationReminderRequested");
        assertThat(Api.JSON.readTree(dueMails.get(1).value()).get("name").asString())
                .isEqualTo("verification-reminder");
        // The reminder's fresh link verifies the account.
        String link = Api.JSON
                .readTree(dueMails.get(1).value())
                .get("payload")
                .get("verificationLink")
                .asString();
        String token = link.substring(link.indexOf("token=") + "token=".length());
        assertThat(api(second)
                        .post("/auth/verify-email", Api.verification(token))
                        .status())
                .isEqualTo(200);
    }

    private static Void runHousekeeping(ConfigurableApplicationContext instance, CyclicBarrier start) throws Exception {
        start.await(10, TimeUnit.SECONDS);
        instance.getBean(CleanupSchedule.class).runOnce();
        return null;
    }
}
