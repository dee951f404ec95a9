package com.gopherpay.notification.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/** A real SMTP server (GreenMail) on a fixed loopback port, which can be stopped and started again on that port. */
public final class Mailbox implements AutoCloseable {

    private final int port;
    private GreenMail server;

    public Mailbox(int port) {
        this.port = port;
    }

    public static Mailbox started(int port) {
        Mailbox mailbox = new Mailbox(port);
        mailbox.start();
        return mailbox;
    }

    public int port() {
        return port;
    }

    public synchronized void start() {
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** Messages received (since the last start) for this recipient. */
    public synchronized List<MimeMessage> to(String address) {
        if (server == null) {
            return List.of();
        }
        return Arrays.stream(server.getReceivedMessages())
                .filter(message -> recipients(message).contains(address))
                .toList();
    }

    private static List<String> recipients(MimeMessage message) {
        try {
            return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                    .map(address -> ((jakarta.mail.internet.InternetAddress) address).getAddress())
                    .toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The body part of the given MIME type (e.g. {@code text/plain}) of a multipart message. */
    public static String part(MimeMessage message, String mimeType) {
        try {
            Multipart multipart = (Multipart) message.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType(mimeType)) {
                    return (String) part.getContent();
                }
            }
            throw new AssertionError("No " + mimeType + " part in the message");
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
