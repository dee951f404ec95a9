package com.gopherpay.localstack.mailbox;

import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads what GreenMail received and presents it newest first, each message with a stable id. */
final class MailStore {

    private final GreenMail greenMail;

    /**
     * Decoded messages by GreenMail's stored message (identity): decoding a MIME message is the expensive part, and the
     * page and API list every message on each request, so each one is decoded once, not on every poll.
     */
    private final Map<StoredMessage, MailMessage> decoded = Collections.synchronizedMap(new IdentityHashMap<>());

    MailStore(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    /** All received messages, newest first. */
    List<MailMessage> messages() {
        return page(0, Integer.MAX_VALUE).messages();
    }

    /** One page of the received messages, newest first, and how many there are in all. */
    record Page(int total, List<MailMessage> messages) {}

    /**
     * The {@code limit} messages after the newest {@code start}, and the total. Only the page is decoded and given its
     * id: a client polling for the count (as the benchmarks do, several times a second while thousands of messages
     * arrive) costs a listing, not a decoding of every message.
     */
    Page page(int start, int limit) {
        List<StoredMessage> received =
                new ArrayList<>(greenMail.getManagers().getImapHostManager().getAllMessages());
        int total = received.size();
        if (limit == 0 || start >= total) {
            return new Page(total, List.of());
        }
        received.sort(Comparator.comparing(StoredMessage::getReceivedDate).thenComparing(StoredMessage::getUid));
        int newest = total - 1 - start;
        int oldest = (int) Math.max(0, (long) newest - limit + 1);
        List<MailMessage> messages = new ArrayList<>(newest - oldest + 1);
        for (int i = newest; i >= oldest; i--) {
            StoredMessage stored = received.get(i);
            MailMessage message = decoded.computeIfAbsent(
                    stored,
                    key -> decode(key.getMimeMessage(), key.getReceivedDate().toInstant()));
            messages.add(withId(message, id(i, message.messageId())));
        }
        return new Page(total, messages);
    }

    Optional<MailMessage> find(String id) {
        return messages().stream().filter(message -> message.id().equals(id)).findFirst();
    }

    void deleteAll() {
        try {
            greenMail.purgeEmailFromAllMailboxes();
            decoded.clear();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot empty the mailbox", e);
        }
    }

    /** The id depends on the arrival position, so it is set per listing; the rest is decoded once. */
    private static MailMessage withId(MailMessage message, String id) {
        return new MailMessage(
                id,
                message.messageId(),
                message.from(),
                message.to(),
                message.subject(),
                message.date(),
                message.received(),
                message.text(),
                message.html(),
                message.size());
    }

    private static MailMessage decode(MimeMessage message, Instant received) {
        try {
            Bodies bodies = new Bodies();
            collect(message, bodies);
            InternetAddress from = first(message.getFrom());
            List<MailMessage.Address> to = Arrays.stream(
                            Optional.ofNullable(message.getAllRecipients()).orElse(new Address[0]))
                    .map(MailStore::address)
                    .toList();
            Instant date = message.getSentDate() == null
                    ? Instant.now()
                    : message.getSentDate().toInstant();
            return new MailMessage(
                    "",
                    message.getMessageID(),
                    from == null ? new MailMessage.Address("", "") : address(from),
                    to,
                    Optional.ofNullable(message.getSubject()).orElse(""),
                    date,
                    received,
                    bodies.text,
                    bodies.html,
                    Math.max(message.getSize(), 0));
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("Cannot read a received message", e);
        }
    }

    private static void collect(Part part, Bodies bodies) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")
                && bodies.text == null
                && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            bodies.text = part.getContent().toString();
        } else if (part.isMimeType("text/html") && bodies.html == null) {
            bodies.html = part.getContent().toString();
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, bodies);
            }
        }
    }

    private static InternetAddress first(Address[] addresses) {
        return addresses == null || addresses.length == 0 ? null : (InternetAddress) addresses[0];
    }

    private static MailMessage.Address address(Address address) {
        if (address instanceof InternetAddress internet) {
            return new MailMessage.Address(
                    Optional.ofNullable(internet.getPersonal()).orElse(""), internet.getAddress());
        }
        return new MailMessage.Address("", address.toString());
    }

    /** Stable across reads: derived from the arrival position and the Message-ID header. */
    private static String id(int index, String messageId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((index + "|" + messageId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 11);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Bodies {
        String text;
        String html;
    }
}
