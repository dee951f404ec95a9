package com.gopherpay.notification.delivery;

import com.gopherpay.notification.NotificationProperties;
import com.gopherpay.notification.message.QueuedEmail;
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
 * Builds the MIME message of a queued email: multipart/alternative (plain text first, HTML preferred), UTF-8, with a
 * Message-ID derived from the message id (stable across retries, so receivers can spot a resend) and a Date.
 */
@Component
class EmailComposer {

    private final JavaMailSender mailSender;
    private final InternetAddress from;
    private final String messageIdDomain;
    private final Clock clock;

    EmailComposer(JavaMailSender mailSender, NotificationProperties properties, Clock clock)
            throws UnsupportedEncodingException {
        this.mailSender = mailSender;
        NotificationProperties.Mail mail = properties.mail();
        this.from = new InternetAddress(mail.fromAddress(), mail.fromName(), "UTF-8");
        this.messageIdDomain = mail.fromAddress().substring(mail.fromAddress().indexOf('@') + 1);
        this.clock = clock;
    }

    MimeMessage compose(QueuedEmail email) throws MessagingException, UnsupportedEncodingException {
        MimeMessage message = mailSender.createMimeMessage();
        message.setFrom(from);
        message.setRecipient(
                MimeMessage.RecipientType.TO,
                email.toName() == null
                        ? new InternetAddress(email.email(), true)
                        : new InternetAddress(email.email(), email.toName(), "UTF-8"));
        message.setSubject(email.subject(), "UTF-8");
        message.setSentDate(Date.from(clock.instant()));
        message.setHeader("Auto-Submitted", "auto-generated");

        MimeBodyPart text = new MimeBodyPart();
        text.setText(email.text(), "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(email.html(), "UTF-8", "html");
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
