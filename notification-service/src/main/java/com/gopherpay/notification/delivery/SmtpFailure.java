package com.gopherpay.notification.delivery;

import jakarta.mail.MessagingException;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;

/**
 * Why one email was not sent, and whether trying again can help: a 5xx reply is permanent, everything else that
 * went wrong on the way (no connection, timeouts, 4xx replies, failed login) is transient.
 *
 * @param permanent whether retrying cannot succeed
 * @param reason a short description for {@code last_error}, with the SMTP reply when there was one
 */
record SmtpFailure(boolean permanent, String reason) {

    static SmtpFailure of(Exception exception) {
        if (exception instanceof MailParseException || exception instanceof MailPreparationException) {
            return new SmtpFailure(true, "Message could not be built: " + message(exception));
        }
        if (exception instanceof MailAuthenticationException) {
            return new SmtpFailure(false, "SMTP authentication failed: " + message(exception));
        }
        Integer code = replyCode(exception);
        if (code != null) {
            return new SmtpFailure(code >= 500, "SMTP " + code + ": " + message(exception));
        }
        return new SmtpFailure(false, describe(exception));
    }

    /** The SMTP reply code carried anywhere in the exception's cause or next-exception chain. */
    private static Integer replyCode(Throwable exception) {
        Set<Throwable> seen = new HashSet<>();
        Throwable current = exception;
        while (current != null && seen.add(current)) {
            if (current instanceof SMTPAddressFailedException address) {
                return address.getReturnCode();
            }
            if (current instanceof SMTPSendFailedException send && send.getReturnCode() > 0) {
                return send.getReturnCode();
            }
            if (current instanceof MessagingException messaging && messaging.getNextException() != null) {
                current = messaging.getNextException();
            } else {
                current = current.getCause();
            }
        }
        return null;
    }

    private static String describe(Throwable exception) {
        Throwable root = exception;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String kind = root instanceof IOException ? "SMTP server unreachable" : "SMTP delivery failed";
        return kind + ": " + root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : " " + root.getMessage());
    }

    private static String message(Throwable exception) {
        String message = exception.getMessage();
        return message == null ? exception.getClass().getSimpleName() : message.strip();
    }
}
