package com.gopherpay.notification.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.gopherpay.notification.config.NotificationProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/** The workflows identity-service triggers, rendered from the shipped templates as application.properties lists them. */
class ShippedWorkflowsTest {

    private static final String LINK = "http://127.0.0.1:8080/verify-email?token=q1w2-e3_r4";

    private final Workflows workflows = new Workflows(properties());

    @Test
    void rendersVerificationEmailWithLinkExpiryAndNameInBothParts() {
        RenderedEmail email = workflows
                .find("email-verification")
                .orElseThrow()
                .render(Map.of("verificationLink", LINK, "expiresAt", "2026-11-25T10:00:00Z"), ada());

        assertThat(email.subject()).isEqualTo("Confirm your email address");
        assertThat(email.text())
                .contains("Hi Ada,")
                .contains("\n" + LINK + "\n")
                .contains("November 25, 2026 at 10:00");
        assertThat(email.html())
                .contains("<html lang=\"en\"")
                .contains("href=\"" + LINK + "\"")
                .contains(">" + LINK + "</a>")
                .contains("November 25, 2026 at 10:00")
                .contains("Hi Ada,")
                .doesNotContain("{{");
    }

    @Test
    void escapesHtmlInValuesOnlyInTheHtmlPart() {
        Map<String, Object> subscriber = new LinkedHashMap<>(ada());
        subscriber.put("firstName", "<b>Ada</b> & co");

        RenderedEmail email = workflows
                .find("email-verification")
                .orElseThrow()
                .render(Map.of("verificationLink", LINK + "&x=1", "expiresAt", "2026-11-25T10:00:00Z"), subscriber);

        assertThat(email.html()).contains("Hi &lt;b&gt;Ada&lt;/b&gt; &amp; co,").contains(LINK + "&amp;x=1");
        assertThat(email.text()).contains("Hi <b>Ada</b> & co,").contains(LINK + "&x=1");
    }

    @Test
    void greetsSubscriberWithoutFirstNameGenerically() {
        RenderedEmail email = workflows
                .find("email-verification")
                .orElseThrow()
                .render(
                        Map.of("verificationLink", LINK, "expiresAt", "2026-11-25T10:00:00Z"),
                        Map.of("subscriberId", "s"));

        assertThat(email.text()).startsWith("Hi there,");
    }

    @Test
    void refusesVerificationPayloadWithoutLinkNamingIt() {
        Workflow workflow = workflows.find("email-verification").orElseThrow();

        assertThatThrownBy(() -> workflow.validatePayload(Map.of("expiresAt", "2026-11-25T10:00:00Z")))
                .isInstanceOfSatisfying(
                        PayloadValidationFailed.class,
                        e -> assertThat(e.missing()).containsExactly("verificationLink"));
    }

    @Test
    void rendersAccountExistsWithOptionalResetLink() {
        Workflow workflow = workflows.find("account-exists").orElseThrow();
        workflow.validatePayload(Map.of("loginLink", "http://h/login"));

        RenderedEmail without = workflow.render(Map.of("loginLink", "http://h/login"), ada());
        RenderedEmail with =
                workflow.render(Map.of("loginLink", "http://h/login", "resetLink", "http://h/reset"), ada());

        assertThat(without.text()).contains("http://h/login").doesNotContain("Forgot your password");
        assertThat(with.text()).contains("Forgot your password? Choose a new one here: http://h/reset");
        assertThat(with.html()).contains("href=\"http://h/reset\"");
    }

    @Test
    void rendersPasswordResetWithLinkExpiryAndNameInBothParts() {
        String link = "http://127.0.0.1:8080/reset-password?token=q1w2-e3_r4";
        RenderedEmail email = workflows
                .find("password-reset")
                .orElseThrow()
                .render(Map.of("resetLink", link, "expiresAt", "2026-11-25T10:30:00Z"), ada());

        assertThat(email.subject()).isEqualTo("Choose a new GopherPay password");
        assertThat(email.text())
                .startsWith("Hi Ada,")
                .contains("\n" + link + "\n")
                .contains("November 25, 2026 at 10:30")
                .contains("If you did not ask for this");
        assertThat(email.html())
                .contains("<html lang=\"en\"")
                .contains("<title>Choose a new password</title>")
                .contains("href=\"" + link + "\"")
                .contains(">" + link + "</a>")
                .contains("November 25, 2026 at 10:30")
                .contains("Hi Ada,")
                .doesNotContain("{{")
                .doesNotContain("verify");
    }

    @Test
    void refusesPasswordResetWithoutLinkOrExpiryNamingThem() {
        Workflow workflow = workflows.find("password-reset").orElseThrow();

        assertThatThrownBy(() -> workflow.validatePayload(Map.of()))
                .isInstanceOfSatisfying(
                        PayloadValidationFailed.class,
                        e -> assertThat(e.missing()).containsExactlyInAnyOrder("resetLink", "expiresAt"));
    }

    @Test
    void rendersPasswordChangedWithTimeAndTheWayBackInBothParts() {
        String link = "http://127.0.0.1:8080/forgot-password";
        RenderedEmail email = workflows
                .find("password-changed")
                .orElseThrow()
                .render(Map.of("changedAt", "2026-11-25T10:05:00Z", "resetLink", link), ada());

        assertThat(email.subject()).isEqualTo("Your GopherPay password was changed");
        assertThat(email.text())
                .startsWith("Hi Ada,")
                .contains("changed on November 25, 2026 at 10:05")
                .contains("If this wasn't you")
                .contains("\n" + link + "\n");
        assertThat(email.html())
                .contains("<html lang=\"en\"")
                .contains("November 25, 2026 at 10:05")
                .contains("If this wasn't you")
                .contains("href=\"" + link + "\"")
                .doesNotContain("{{");
    }

    @Test
    void refusesPasswordChangedWithoutTimeOrLinkNamingThem() {
        Workflow workflow = workflows.find("password-changed").orElseThrow();

        assertThatThrownBy(() -> workflow.validatePayload(Map.of("resetLink", "http://h/forgot-password")))
                .isInstanceOfSatisfying(
                        PayloadValidationFailed.class,
                        e -> assertThat(e.missing()).containsExactly("changedAt"));
    }

    @Test
    void everyShippedWorkflowIsCoveredHere() throws Exception {
        Properties shipped = new Properties();
        try (var in = new ClassPathResource("application.properties").getInputStream()) {
            shipped.load(in);
        }
        Set<String> ids = new TreeSet<>();
        for (String key : shipped.stringPropertyNames()) {
            if (key.startsWith("notification.workflows.") && key.endsWith(".subject")) {
                String id = key.substring("notification.workflows.".length(), key.length() - ".subject".length());
                ids.add(id);
                NotificationProperties.Workflow tested =
                        properties().workflows().get(id);
                assertThat(tested).as(id).isNotNull();
                assertThat(tested.subject()).as(id).isEqualTo(shipped.getProperty(key));
            }
        }
        assertThat(ids)
                .containsExactlyInAnyOrder(
                        "email-verification",
                        "account-exists",
                        "password-reset",
                        "password-changed",
                        "verification-reminder",
                        "email-change-verification",
                        "email-change-requested");
    }

    @Test
    void rendersTheVerificationReminderWithItsFreshLinkInBothParts() {
        String link = "http://127.0.0.1:8080/verify-email?token=fresh";
        RenderedEmail email = workflows
                .find("verification-reminder")
                .orElseThrow()
                .render(Map.of("verificationLink", link, "expiresAt", "2026-11-26T10:30:00Z"), ada());

        assertThat(email.subject()).isEqualTo("Your GopherPay account is waiting for you");
        assertThat(email.text())
                .startsWith("Hi Ada,")
                .contains("\n" + link + "\n")
                .contains("November 26, 2026 at 10:30")
                .contains("only");
        assertThat(email.html())
                .contains("<title>Your GopherPay account is waiting</title>")
                .contains("href=\"" + link + "\"")
                .contains("November 26, 2026 at 10:30")
                .doesNotContain("{{");
        assertThatThrownBy(() ->
                        workflows.find("verification-reminder").orElseThrow().validatePayload(Map.of()))
                .isInstanceOfSatisfying(
                        PayloadValidationFailed.class,
                        e -> assertThat(e.missing()).containsExactlyInAnyOrder("verificationLink", "expiresAt"));
    }

    @Test
    void rendersTheEmailChangeVerificationWithItsConfirmLinkInBothParts() {
        String link = "http://127.0.0.1:8080/confirm-email-change?token=c0nf1rm";
        Workflow workflow = workflows.find("email-change-verification").orElseThrow();
        RenderedEmail email = workflow.render(Map.of("confirmLink", link, "expiresAt", "2026-11-25T11:00:00Z"), ada());

        assertThat(email.subject()).isEqualTo("Confirm your new GopherPay email address");
        assertThat(email.text())
                .startsWith("Hi Ada,")
                .contains("\n" + link + "\n")
                .contains("November 25, 2026 at 11:00")
                .contains("If you did not ask for this");
        assertThat(email.html())
                .contains("<html lang=\"en\"")
                .contains("<title>Confirm your new email address</title>")
                .contains("href=\"" + link + "\"")
                .contains(">" + link + "</a>")
                .contains("November 25, 2026 at 11:00")
                .doesNotContain("{{")
                .doesNotContain("reset");
        assertThatThrownBy(() -> workflow.validatePayload(Map.of()))
                .isInstanceOfSatisfying(
                        PayloadValidationFailed.class,
                        e -> assertThat(e.missing()).containsExactlyInAnyOrder("confirmLink", "expiresAt"));
    }

    @Test
    void rendersTheEmailChangeNoticeWithTheNewAddressAndItsCancelLinkInBothParts() {
        String link = "http://127.0.0.1:8080/cancel-email-change?token=c4nc3l";
        Workflow workflow = workflows.find("email-change-requested").orElseThrow();
        RenderedEmail email = workflow.render(
                Map.of("newEmail", "ada@new.example", "cancelLink", link, "expiresAt", "2026-11-25T11:00:00Z"), ada());

        assertThat(email.subject()).isEqualTo("Your GopherPay email address is about to change");
        assertThat(email.text())
                .startsWith("Hi Ada,")
                .contains("to ada@new.example.")
                .contains("If this wasn't you")
                .contains("\n" + link + "\n")
                .contains("November 25, 2026 at 11:00");
        assertThat(email.html())
                .contains("<title>Your email address is about to change</title>")
                .contains("<strong>ada@new.example</strong>")
                .contains("If this wasn't you")
                .contains("href=\"" + link + "\"")
                .doesNotContain("{{");
        assertThatThrownBy(() -> workflow.validatePayload(Map.of("newEmail", "ada@new.example")))
                .isInstanceOfSatisfying(
                        PayloadValidationFailed.class,
                        e -> assertThat(e.missing()).containsExactlyInAnyOrder("cancelLink", "expiresAt"));
    }

    @Test
    void refusesAccountExistsWithoutLoginLink() {
        assertThatThrownBy(() -> workflows.find("account-exists").orElseThrow().validatePayload(Map.of()))
                .isInstanceOf(PayloadValidationFailed.class)
                .hasMessageContaining("payload.loginLink");
    }

    @Test
    void rendersEachEmailWithItsOwnVariablesWhileOtherThreadsRenderTheSameWorkflow() throws Exception {
        Workflow workflow = workflows.find("email-verification").orElseThrow();
        int threads = 8;
        int rendersEach = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<String>>> mismatches = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                mismatches.add(pool.submit(() -> {
                    List<String> wrong = new java.util.ArrayList<>();
                    for (int i = 0; i < rendersEach; i++) {
                        String name = "Name" + thread + "x" + i;
                        String link = LINK + "-" + thread + "-" + i;
                        RenderedEmail email = workflow.render(
                                Map.of("verificationLink", link, "expiresAt", "2026-11-25T10:00:00Z"),
                                Map.of("subscriberId", "s", "firstName", name));
                        if (!email.text().contains("Hi " + name + ",")
                                || !email.text().contains("\n" + link + "\n")
                                || !email.html().contains("href=\"" + link + "\"")) {
                            wrong.add(name);
                        }
                    }
                    return wrong;
                }));
            }
            for (Future<List<String>> result : mismatches) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<String, Object> ada() {
        return Map.of("subscriberId", "u1", "email", "ada@example.test", "firstName", "Ada", "lastName", "Lovelace");
    }

    private static NotificationProperties properties() {
        Map<String, NotificationProperties.Workflow> workflows = new LinkedHashMap<>();
        workflows.put(
                "email-verification",
                new NotificationProperties.Workflow(
                        true,
                        "Confirm your email address",
                        new ClassPathResource("workflows/email-verification.html"),
                        new ClassPathResource("workflows/email-verification.txt")));
        workflows.put(
                "account-exists",
                new NotificationProperties.Workflow(
                        true,
                        "You already have a GopherPay account",
                        new ClassPathResource("workflows/account-exists.html"),
                        new ClassPathResource("workflows/account-exists.txt")));
        workflows.put(
                "password-reset",
                new NotificationProperties.Workflow(
                        true,
                        "Choose a new GopherPay password",
                        new ClassPathResource("workflows/password-reset.html"),
                        new ClassPathResource("workflows/password-reset.txt")));
        workflows.put(
                "password-changed",
                new NotificationProperties.Workflow(
                        true,
                        "Your GopherPay password was changed",
                        new ClassPathResource("workflows/password-changed.html"),
                        new ClassPathResource("workflows/password-changed.txt")));
        workflows.put(
                "verification-reminder",
                new NotificationProperties.Workflow(
                        true,
                        "Your GopherPay account is waiting for you",
                        new ClassPathResource("workflows/verification-reminder.html"),
                        new ClassPathResource("workflows/verification-reminder.txt")));
        workflows.put(
                "email-change-verification",
                new NotificationProperties.Workflow(
                        true,
                        "Confirm your new GopherPay email address",
                        new ClassPathResource("workflows/email-change-verification.html"),
                        new ClassPathResource("workflows/email-change-verification.txt")));
        workflows.put(
                "email-change-requested",
                new NotificationProperties.Workflow(
                        true,
                        "Your GopherPay email address is about to change",
                        new ClassPathResource("workflows/email-change-requested.html"),
                        new ClassPathResource("workflows/email-change-requested.txt")));
        return new NotificationProperties(List.of(), null, null, null, null, null, workflows);
    }
}
