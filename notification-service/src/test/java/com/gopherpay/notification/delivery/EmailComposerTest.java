package com.gopherpay.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.gopherpay.notification.config.NotificationProperties;
import com.gopherpay.notification.message.QueuedEmail;
import com.gopherpay.notification.workflow.RenderedEmail;
import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.util.unit.DataSize;

class EmailComposerTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private final EmailComposer composer = new EmailComposer(
            new JavaMailSenderImpl(),
            new NotificationProperties(
                    List.of(),
                    new NotificationProperties.Mail("no-reply@mail.gopherpay.test", "GopherPay"),
                    null,
                    null,
                    null,
                    DataSize.ofMegabytes(1),
                    Map.of()),
            Clock.fixed(NOW, ZoneOffset.UTC));

    EmailComposerTest() throws Exception {}

    @Test
    void composesMultipartAlternativeThatSurvivesTheWireByteForByte() throws Exception {
        UUID id = UUID.fromString("0193a0c4-7d2e-7a31-9c1e-2f9c3b5d6e7f");
        String link = "https://id.gopherpay.test/verify-email?token=" + "Ab-_9".repeat(20);
        String text = "Hallo Zoë,\n\nconfirm your address: " + link + "\n\n— GopherPay 💸\n";
        String html = "<p lang=\"de\">Hallo Zoë, <a href=\"" + link + "\">bestätigen</a> — " + "x".repeat(300) + "</p>";
        QueuedEmail email = new QueuedEmail(
                id, "txn-1", "email-verification", "zoe@example.com", "Zoë Ünal", Map.of(), Map.of(), 1, NOW);

        MimeMessage sent = composer.compose(email, new RenderedEmail("Bestätige deine Adresse", html, text));
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        sent.writeTo(wire);
        MimeMessage received =
                new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(wire.toByteArray()));

        assertThat(received.getMessageID()).isEqualTo("<" + id + "@mail.gopherpay.test>");
        assertThat(received.getSentDate().toInstant()).isEqualTo(NOW);
        assertThat(received.getSubject()).isEqualTo("Bestätige deine Adresse");
        assertThat(((InternetAddress) received.getFrom()[0]).getAddress()).isEqualTo("no-reply@mail.gopherpay.test");
        InternetAddress to = (InternetAddress) received.getAllRecipients()[0];
        assertThat(to.getAddress()).isEqualTo("zoe@example.com");
        assertThat(to.getPersonal()).isEqualTo("Zoë Ünal");
        assertThat(received.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");

        MimeMultipart alternative = (MimeMultipart) received.getContent();
        assertThat(alternative.getContentType()).startsWith("multipart/alternative");
        assertThat(alternative.getCount()).isEqualTo(2);
        BodyPart plain = alternative.getBodyPart(0);
        BodyPart rich = alternative.getBodyPart(1);
        assertThat(plain.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(rich.getContentType()).startsWith("text/html").containsIgnoringCase("charset=UTF-8");
        assertThat(plain.getHeader("Content-Transfer-Encoding")).containsExactly("quoted-printable");
        assertThat(rich.getHeader("Content-Transfer-Encoding")).containsExactly("quoted-printable");
        // Text lines travel as CRLF, as MIME's canonical form requires; nothing else changes.
        assertThat(((String) plain.getContent()).replace("\r\n", "\n")).isEqualTo(text);
        assertThat(rich.getContent()).isEqualTo(html);
        // Quoted-printable keeps every line of the wire format within SMTP's limits, however long the HTML line.
        assertThat(wire.toString(java.nio.charset.StandardCharsets.US_ASCII).lines())
                .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(998));
    }

    @Test
    void refusesARecipientThatIsNoAddressEvenWithADisplayName() {
        for (String name : new String[] {null, "Ada Lovelace"}) {
            QueuedEmail email = new QueuedEmail(
                    UUID.randomUUID(),
                    "txn-2",
                    "account-exists",
                    "ada lovelace@@example",
                    name,
                    Map.of(),
                    Map.of(),
                    1,
                    NOW);

            assertThatThrownBy(() -> composer.compose(email, new RenderedEmail("Hi", "<p>x</p>", "x")))
                    .as("display name %s", name)
                    .isInstanceOf(jakarta.mail.internet.AddressException.class);
        }
    }

    @Test
    void namesAngusMailsStreamProviderSoThatJakartaMailSkipsItsServiceLoaderScan() {
        assertThat(System.getProperty(EmailComposer.STREAM_PROVIDER_PROPERTY))
                .isEqualTo("org.eclipse.angus.mail.util.MailStreamProvider");
    }
}
