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
 * @param connectionFailed whether the connection to the server failed (no reply about this message: an I/O error,
 *     a timeout, the server hanging up) rather than the server refusing this message
 * @param reason a short description for {@code last_error}, with the SMTP reply when there was one
 */
record SmtpFailure(boolean permanent, boolean connectionFailed, String reason) {

    static SmtpFailure of(Exception exception) {
        if (exception instanceof MailParseException || exception instanceof MailPreparationException) {
            return new SmtpFailure(true, false, "Message could not be built: " + message(exception));
        }
        if (exception instanceof MailAuthenticationException) {
            return new SmtpFailure(false, true, "SMTP authentication failed: " + message(exception));
        }
        Integer code = replyCode(exception);
        if (code != null) {
            // 421: the server is shutting down or overloaded and closes the connection; nothing about this message.
            return new SmtpFailure(code >= 500, code == 421, "SMTP " + code + ": " + message(exception));
        }
        return new SmtpFailure(false, true, describe(exception));
    }

    /** The SMTP reply code carried anywhere in the exception's cause or next-exception chain. */
    private static Integer replyCode(Throwable exception) {
        Set<Throwable> seen = new HashSet<>();
        Throwable current = exception;
        while (current != null && seen.add(current)) {
            // -1: no reply at all (the connection broke while waiting for one), which is not the server's answer.
            if (current instanceof SMTPAddressFailedException address && address.getReturnCode() > 0) {
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
