package com.gopherpay.notification.delivery;

import com.gopherpay.notification.NotificationProperties;
import com.gopherpay.notification.message.Messages;
import com.gopherpay.notification.message.QueuedEmail;
import com.gopherpay.notification.trigger.MessagesQueued;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Sends queued messages over SMTP with {@code notification.delivery.threads} threads. Each round claims a batch of due messages ({@code FOR UPDATE SKIP LOCKED}, so
 * several instances share the queue) and sends it over one SMTP connection. Transient failures are retried with
 * exponential backoff; a 5xx reply marks the message {@code error}. The queue is the database, so messages accepted
 * before a restart are sent after it.
 */
@Component
class DeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final Messages messages;
    private final EmailComposer composer;
    private final JavaMailSender mailSender;
    private final NotificationProperties.Delivery settings;
    private final Backoff backoff;
    private final Clock clock;
    private final Semaphore wakeUp = new Semaphore(0);
    private final Counter sent;
    private final Counter retried;
    private final Counter failed;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    DeliveryWorker(
            Messages messages,
            EmailComposer composer,
            JavaMailSender mailSender,
            NotificationProperties properties,
            Clock clock,
            SecureRandom random,
            MeterRegistry meters) {
        this.messages = messages;
        this.composer = composer;
        this.mailSender = mailSender;
        this.settings = properties.delivery();
        this.backoff = new Backoff(settings, random);
        this.clock = clock;
        this.sent = meters.counter("notification.emails", "outcome", "sent");
        this.retried = meters.counter("notification.emails", "outcome", "retry");
        this.failed = meters.counter("notification.emails", "outcome", "failed");
        Gauge.builder("notification.messages.queued", this, DeliveryWorker::queuedOrNaN)
                .description("Messages waiting for delivery")
                .register(meters);
    }

    /** Wakes the worker as soon as new messages are committed instead of at the next poll. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void onMessagesQueued(MessagesQueued event) {
        // At most one pending wake-up per thread: a burst of triggers must not queue a burst of empty polls.
        if (event.count() > 0 && wakeUp.availablePermits() < settings.threads()) {
            wakeUp.release();
        }
    }

    @Override
    public synchronized void start() {
        if (!settings.enabled()) {
            log.info("Delivery is disabled (notification.delivery.enabled=false): messages stay queued");
            return;
        }
        running = true;
        for (int i = 0; i < settings.threads(); i++) {
            Thread thread = new Thread(this::run, "smtp-delivery-" + (i + 1));
            threads.add(thread);
            thread.start();
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        wakeUp.release(threads.size());
        for (Thread thread : threads) {
            try {
                thread.join(settings.lease().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            int delivered;
            try {
                delivered = deliverDueBatch();
            } catch (DataAccessException e) {
                log.warn("Delivery round failed on the database, will retry: {}", e.getMessage());
                delivered = 0;
            } catch (RuntimeException e) {
                log.error("Delivery round failed unexpectedly, will retry", e);
                delivered = 0;
            }
            if (delivered < settings.batchSize()) {
                try {
                    wakeUp.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** One round: claim, send over one connection, record the outcome of each. Returns how many were claimed. */
    int deliverDueBatch() {
        Instant now = clock.instant();
        List<QueuedEmail> batch = messages.claimDue(settings.batchSize(), now, now.plus(settings.lease()));
        if (batch.isEmpty()) {
            return 0;
        }
        Map<MimeMessage, QueuedEmail> composed = new IdentityHashMap<>();
        for (QueuedEmail email : batch) {
            try {
                composed.put(composer.compose(email), email);
            } catch (MessagingException | UnsupportedEncodingException | RuntimeException e) {
                fail(email, "Message could not be built: " + e.getMessage());
            }
        }
        Map<Object, Exception> failures = send(composed);
        List<UUID> delivered = new ArrayList<>();
        composed.forEach((mime, email) -> {
            Exception failure = failures.get(mime);
            if (failure == null) {
                delivered.add(email.id());
            } else {
                handle(email, SmtpFailure.of(failure));
            }
        });
        messages.markSent(delivered, clock.instant());
        sent.increment(delivered.size());
        return batch.size();
    }

    private Map<Object, Exception> send(Map<MimeMessage, QueuedEmail> composed) {
        if (composed.isEmpty()) {
            return Map.of();
        }
        try {
            // One call for the batch: JavaMailSenderImpl sends all of them over a single SMTP connection.
            mailSender.send(composed.keySet().toArray(MimeMessage[]::new));
            return Map.of();
        } catch (MailSendException e) {
            if (!e.getFailedMessages().isEmpty()) {
                Map<Object, Exception> failures = new IdentityHashMap<>();
                e.getFailedMessages().forEach(failures::put);
                return failures;
            }
            return allFailed(composed, e);
        } catch (MailException e) {
            return allFailed(composed, e);
        }
    }

    private static Map<Object, Exception> allFailed(Map<MimeMessage, QueuedEmail> composed, Exception e) {
        Map<Object, Exception> failures = new IdentityHashMap<>();
        composed.keySet().forEach(mime -> failures.put(mime, e));
        return failures;
    }

    private void handle(QueuedEmail email, SmtpFailure failure) {
        Instant now = clock.instant();
        if (failure.permanent()) {
            fail(email, failure.reason());
        } else if (now.isAfter(email.createdAt().plus(settings.giveUpAfter()))) {
            fail(email, "Gave up after " + email.attempts() + " attempts; last failure: " + failure.reason());
        } else {
            Instant next = now.plus(backoff.after(email.attempts()));
            log.info(
                    "Message {} (transaction {}) not sent, attempt {}; retrying at {}: {}",
                    email.id(),
                    email.transactionId(),
                    email.attempts(),
                    next,
                    failure.reason());
            messages.retryLater(email.id(), failure.reason(), next, now);
            retried.increment();
        }
    }

    private void fail(QueuedEmail email, String reason) {
        log.warn("Message {} (transaction {}) failed permanently: {}", email.id(), email.transactionId(), reason);
        messages.markFailed(email.id(), reason, clock.instant());
        failed.increment();
    }

    private double queuedOrNaN() {
        try {
            return messages.countQueued();
        } catch (DataAccessException e) {
            return Double.NaN;
        }
    }
}
