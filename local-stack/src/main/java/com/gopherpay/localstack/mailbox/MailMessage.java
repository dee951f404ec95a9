package com.gopherpay.localstack.mailbox;

import java.time.Instant;
import java.util.List;

/** One email the dev SMTP server received, decoded for the mailbox page and API. */
record MailMessage(
        String id,
        String messageId,
        Address from,
        List<Address> to,
        String subject,
        Instant date,
        Instant received,
        String text,
        String html,
        int size) {

    record Address(String name, String address) {}

    /** The first words of the plain-text part, as Mailpit's list shows them. */
    String snippet() {
        String source = text == null || text.isBlank() ? html == null ? "" : html.replaceAll("<[^>]*>", " ") : text;
        String collapsed = source.replaceAll("\\s+", " ").trim();
        return collapsed.length() <= 250 ? collapsed : collapsed.substring(0, 250) + "…";
    }
}
