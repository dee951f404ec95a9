package com.gopherpay.notification.message;

import com.gopherpay.notification.config.NotificationProperties;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The sweep behind {@code notification.retention.live-content}: every instance, every
 * {@code notification.retention.sweep-interval}, redacts the messages whose content is no longer needed (see
 * {@link Messages#redactExpired}). Delivery redacts a message the moment it is sent or fails; the sweep catches what
 * that missed (an instance died in between, messages stored as errors at acceptance) and fails messages still queued
 * once their links have expired. Instances sweeping at once skip each other's rows, so running it everywhere is safe.
 */
@Component
class MessageRedaction {

    private static final Logger log = LoggerFactory.getLogger(MessageRedaction.class);
    private static final int BATCH = 500;

    private final Messages messages;
    private final NotificationProperties.Retention retention;
    private final Clock clock;

    MessageRedaction(Messages messages, NotificationProperties properties, Clock clock) {
        this.messages = messages;
        this.retention = properties.retention();
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${notification.retention.sweep-interval:1m}",
            initialDelayString = "${notification.retention.sweep-interval:1m}")
    void sweep() {
        int total = 0;
        int redacted;
        do {
            Instant now = clock.instant();
            redacted = messages.redactExpired(
                    now.minus(retention.liveContent()),
                    now,
                    BATCH,
                    "Not delivered within notification.retention.live-content (" + retention.liveContent()
                            + "), after which its links have expired; the content was redacted");
            total += redacted;
        } while (redacted == BATCH);
        if (total > 0) {
            log.info("Redacted the content and payload of {} message(s)", total);
        }
    }
}
