package com.gopherpay.notification.delivery;

import com.gopherpay.notification.config.NotificationProperties;
import com.gopherpay.notification.message.QueuedEmail;
import com.gopherpay.notification.workflow.RenderedEmail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.util.Date;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Builds the MIME message of a queued email from its rendered content: multipart/alternative (plain text first, HTML preferred), UTF-8
 * quoted-printable, with a Message-ID derived from the message id (stable across retries, so receivers can spot a
 * resend) and a Date.
 *
 * <p>Two things keep composing cheap under load. Jakarta Mail 2.1 looks up its {@code StreamProvider} for every part it
 * constructs and every stream it encodes, by a {@code ServiceLoader} scan of the class path unless the system property
 * {@value #STREAM_PROVIDER_PROPERTY} names the implementation (jakartaee/mail-api#699 and #861; fixed only in 2.2). A
 * profile of the delivery threads showed that scan as a fifth of their time, so the property is set to Angus Mail's
 * provider unless the deployment set it. And the transfer encoding is given, so that {@code saveChanges()} does not
 * encode each body once more just to choose one.
 */
@Component
class EmailComposer {

    private final JavaMailSender mailSender;
    private final InternetAddress from;
    private final String messageIdDomain;
    private final Clock clock;

    static final String STREAM_PROVIDER_PROPERTY = "jakarta.mail.util.StreamProvider";
    private static final String ANGUS_STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";
    private static final String ENCODING = "quoted-printable";

    EmailComposer(JavaMailSender mailSender, NotificationProperties properties, Clock clock)
            throws UnsupportedEncodingException {
        this.mailSender = mailSender;
        NotificationProperties.Mail mail = properties.mail();
        this.from = new InternetAddress(mail.fromAddress(), mail.fromName(), "UTF-8");
        this.messageIdDomain = mail.fromAddress().substring(mail.fromAddress().indexOf('@') + 1);
        this.clock = clock;
        pinStreamProvider();
    }

    private static void pinStreamProvider() {
        if (System.getProperty(STREAM_PROVIDER_PROPERTY) != null) {
            return;
        }
        try {
            Class.forName(ANGUS_STREAM_PROVIDER, false, EmailComposer.class.getClassLoader());
            System.setProperty(STREAM_PROVIDER_PROPERTY, ANGUS_STREAM_PROVIDER);
        } catch (ClassNotFoundException e) {
            // Another Jakarta Mail implementation: keep its own lookup.
        }
    }

    MimeMessage compose(QueuedEmail email, RenderedEmail content)
            throws MessagingException, UnsupportedEncodingException {
        MimeMessage message = mailSender.createMimeMessage();
        message.setFrom(from);
        // Parsed strictly whether or not there is a display name (the constructor with a name checks nothing): an
        // address that is not one fails here, permanently, instead of reaching the SMTP server.
        InternetAddress to = new InternetAddress(email.email(), true);
        if (email.toName() != null) {
            to.setPersonal(email.toName(), "UTF-8");
        }
        message.setRecipient(MimeMessage.RecipientType.TO, to);
        message.setSubject(content.subject(), "UTF-8");
        message.setSentDate(Date.from(clock.instant()));
        message.setHeader("Auto-Submitted", "auto-generated");

        MimeBodyPart text = new MimeBodyPart();
        text.setText(content.text(), "UTF-8", "plain");
        text.setHeader("Content-Transfer-Encoding", ENCODING);
        MimeBodyPart html = new MimeBodyPart();
        html.setText(content.html(), "UTF-8", "html");
        html.setHeader("Content-Transfer-Encoding", ENCODING);
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        message.saveChanges();
        // After saveChanges, which would otherwise generate a random Message-ID; JavaMailSender keeps this one.
        message.setHeader("Message-ID", "<" + email.id() + "@" + messageIdDomain + ">");
        return message;
    }
}
