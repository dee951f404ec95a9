package com.gopherpay.notification.delivery;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Sends a batch over one SMTP connection, message by message, with the connection settings Spring Boot gave its
 * {@link JavaMailSenderImpl} ({@code spring.mail.*}). {@code JavaMailSender#send(MimeMessage...)} does the same loop
 * but cannot stop between two messages, and it reports a failure to close the connection, or to reconnect midway,
 * as a failure of messages the server had already accepted; resending those would duplicate emails. Here every
 * message ends up accepted, failed (with the reason) or untried; when no connection could be opened (refused, timed
 * out, a 4xx greeting, a failed STARTTLS or login) the batch stops and the outcome says why, so that the server's
 * outage is not taken for a failure of each message.
 */
@Component
class SmtpBatchSender {

    private static final Logger log = LoggerFactory.getLogger(SmtpBatchSender.class);

    private final JavaMailSenderImpl mail;

    SmtpBatchSender(JavaMailSender mailSender) {
        if (!(mailSender instanceof JavaMailSenderImpl impl)) {
            throw new IllegalStateException("SMTP delivery needs Spring Boot's JavaMailSenderImpl (spring.mail.*), not "
                    + mailSender.getClass().getName());
        }
        this.mail = impl;
    }

    /**
     * What became of a batch; messages in neither set were not tried.
     *
     * @param accepted messages the SMTP server accepted
     * @param failed messages that were refused or could not be handed over, with the reason
     * @param unavailable why no connection could be opened for the untried messages, or null if that never failed
     */
    record Outcome(Set<MimeMessage> accepted, Map<MimeMessage, Exception> failed, Exception unavailable) {}

    /** {@code host:port} of the SMTP server, for logs and health (never credentials). */
    String server() {
        String host = mail.getHost() == null ? "localhost" : mail.getHost();
        return host + ":" + (mail.getPort() > 0 ? String.valueOf(mail.getPort()) : "default");
    }

    /**
     * Opens a connection as delivery would (connect, greeting, EHLO, STARTTLS and login when configured) and closes
     * it with QUIT; throws what made that fail.
     */
    void probe() throws MessagingException {
        Transport transport;
        try {
            transport = connect();
        } catch (AuthenticationFailedException e) {
            throw new MailAuthenticationException(e);
        }
        closeQuietly(transport);
    }

    /**
     * Sends {@code messages} in order, asking {@code mayStartAnother} before each one and telling {@code onAccepted}
     * of each message the server accepted before the next one is started (so the caller can record it at once).
     */
    Outcome send(List<MimeMessage> messages, BooleanSupplier mayStartAnother, Consumer<MimeMessage> onAccepted) {
        Set<MimeMessage> accepted = Collections.newSetFromMap(new IdentityHashMap<>());
        Map<MimeMessage, Exception> failed = new IdentityHashMap<>();
        Exception unavailable = null;
        Transport transport = null;
        // Transport.isConnected() costs a NOOP round trip; a connection that has just been opened or has just accepted
        // a message is trusted for the next one, and any failed send opens a fresh connection for the next message.
        boolean trusted = false;
        try {
            for (int i = 0; i < messages.size() && mayStartAnother.getAsBoolean(); i++) {
                if (transport == null || !trusted) {
                    closeQuietly(transport);
                    transport = null;
                    try {
                        transport = connect();
                        trusted = true;
                    } catch (MessagingException | RuntimeException e) {
                        unavailable = e instanceof AuthenticationFailedException auth
                                ? new MailAuthenticationException(auth)
                                : e;
                        break;
                    }
                }
                MimeMessage message = messages.get(i);
                try {
                    Address[] recipients = message.getAllRecipients();
                    transport.sendMessage(message, recipients == null ? new Address[0] : recipients);
                } catch (MessagingException | RuntimeException e) {
                    failed.put(message, e);
                    trusted = false;
                    continue;
                }
                accepted.add(message);
                onAccepted.accept(message);
            }
        } finally {
            close(transport, accepted.size());
        }
        return new Outcome(accepted, failed, unavailable);
    }

    /** Like JavaMailSenderImpl: empty credentials mean no SMTP AUTH; the protocol decides smtp or smtps. */
    private Transport connect() throws MessagingException {
        String username = mail.getUsername();
        String password = mail.getPassword();
        if ("".equals(username)) {
            username = null;
            password = "".equals(password) ? null : password;
        }
        Session session = mail.getSession();
        String protocol = mail.getProtocol();
        if (protocol == null) {
            protocol = session.getProperty("mail.transport.protocol");
        }
        Transport transport = session.getTransport(protocol == null ? "smtp" : protocol);
        transport.connect(mail.getHost(), mail.getPort(), username, password);
        return transport;
    }

    private static void close(Transport transport, int accepted) {
        if (transport == null) {
            return;
        }
        try {
            transport.close();
        } catch (MessagingException | RuntimeException e) {
            // The server said 250 to each accepted message before this: they are delivered as far as SMTP goes.
            log.warn(
                    "Closing the SMTP connection failed after the server accepted {} message(s), which count as sent: {}",
                    accepted,
                    e.getMessage());
        }
    }

    private static void closeQuietly(Transport transport) {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException | RuntimeException e) {
                log.debug("Dropping a broken SMTP connection: {}", e.getMessage());
            }
        }
    }
}
