package com.gopherpay.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.eclipse.angus.mail.util.SocketConnectException;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;

class SmtpFailureTest {

    @Test
    void treatsPermanentReplyAsPermanent() throws Exception {
        SMTPAddressFailedException rejected =
                new SMTPAddressFailedException(new InternetAddress("a@b.test"), "RCPT TO", 550, "550 no such user");
        SendFailedException send = new SendFailedException("Invalid Addresses", rejected);

        SmtpFailure failure = SmtpFailure.of(new MailSendException("failed", send));

        assertThat(failure.permanent()).isTrue();
        assertThat(failure.connectionFailed()).isFalse();
        assertThat(failure.reason()).startsWith("SMTP 550");
    }

    @Test
    void retriesTransientReply() {
        SmtpFailure failure = SmtpFailure.of(new MailSendException(
                "failed", new SMTPSendFailedException("DATA", 451, "451 try later", null, null, null, null)));

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.connectionFailed()).isFalse();
        assertThat(failure.reason()).startsWith("SMTP 451");
    }

    @Test
    void takesA421ReplyForTheServerClosingTheConnection() {
        SmtpFailure failure = SmtpFailure.of(new MailSendException(
                "failed",
                new SMTPSendFailedException("MAIL FROM", 421, "421 4.3.2 shutting down", null, null, null, null)));

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.connectionFailed()).isTrue();
        assertThat(failure.reason()).startsWith("SMTP 421");
    }

    @Test
    void takesAMissingReplyForABrokenConnection() throws Exception {
        // What Angus Mail reports when the server hangs up while a RCPT TO waits for its answer.
        SMTPAddressFailedException eof =
                new SMTPAddressFailedException(new InternetAddress("a@b.test"), "RCPT TO", -1, "[EOF]");

        SmtpFailure failure = SmtpFailure.of(new SendFailedException("Invalid Addresses", eof));

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.connectionFailed()).isTrue();
        assertThat(failure.reason()).doesNotContain("SMTP -1").doesNotContain("a@b.test");
    }

    @Test
    void retriesRefusedConnection() {
        MessagingException refused = new MailConnectException(
                new SocketConnectException("refused", new ConnectException("Connection refused"), "127.0.0.1", 25, 1));

        SmtpFailure failure = SmtpFailure.of(new MailSendException("Mail server connection failed", refused));

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.connectionFailed()).isTrue();
        assertThat(failure.reason()).contains("Connection refused");
    }
}
