package com.gopherpay.notification.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.gopherpay.notification.config.NotificationProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/** The two workflows the flow triggers, rendered from the shipped templates. */
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

        assertThat(without.text()).contains("http://h/login").doesNotContain("Reset it here");
        assertThat(with.text()).contains("Reset it here: http://h/reset");
        assertThat(with.html()).contains("href=\"http://h/reset\"");
    }

    @Test
    void refusesAccountExistsWithoutLoginLink() {
        assertThatThrownBy(() -> workflows.find("account-exists").orElseThrow().validatePayload(Map.of()))
                .isInstanceOf(PayloadValidationFailed.class)
                .hasMessageContaining("payload.loginLink");
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
        return new NotificationProperties(List.of(), null, null, null, null, null, workflows);
    }
}
