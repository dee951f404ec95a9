package com.gopherpay.notification.message;

import com.gopherpay.notification.shared.Sha256;
import java.util.UUID;

/**
 * What a finished message keeps of the content it was rendered with: the subject, and a SHA-256 of subject, HTML and
 * text joined by newlines ({@code content_sha256}), enough to show later that an email had a given content without
 * keeping the links it carried.
 */
public record SentContent(UUID messageId, String subject, String contentSha256) {

    public static SentContent of(UUID messageId, String subject, String html, String text) {
        return new SentContent(messageId, subject, Sha256.hex(subject + "\n" + html + "\n" + text));
    }
}
