package com.gopherpay.notification.delivery;

import com.gopherpay.notification.config.NotificationProperties;
import com.gopherpay.notification.message.Messages;
import com.gopherpay.notification.message.MessagesQueued;
import com.gopherpay.notification.message.QueuedEmail;
import com.gopherpay.notification.message.SentContent;
import com.gopherpay.notification.workflow.RenderedEmail;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
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
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.util.IdGenerator;

/**
 * Sends queued messages over SMTP with {@code notification.delivery.threads} threads. Each round claims a batch of
 * due messages ({@code FOR UPDATE SKIP LOCKED}, so several instances share the queue) and sends it over one SMTP
 * connection. Transient failures are retried with
 * exponential backoff; a 5xx reply marks the message {@code error}. The queue is the database, so messages accepted
 * before a restart are sent after it.
 *
 * <p>An SMTP outage is handled once, not per message ({@link SmtpAvailability}): when a connection cannot be opened,
 * the batch's untried messages go back to the queue without spending an attempt, one WARN says so, the threads
 * claim nothing more, and one of them probes the server. When a probe gets through, one INFO says so, the messages
 * that were waiting for the server are due at once ({@link Messages#resumeWaitingForSmtp}) and every thread starts
 * sending again, so the backlog drains at the speed of the batches instead of each message's backoff.
 */
@Component
class DeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final Messages messages;
    private final MessageRendering renderer;
    private final EmailComposer composer;
    private final SmtpBatchSender sender;
    private final SmtpAvailability smtp;
    private final NotificationProperties.Delivery settings;
    private final Backoff backoff;
    private final Clock clock;
    private final IdGenerator ids;
    private final Semaphore wakeUp = new Semaphore(0);
    private final Counter sent;
    private final Counter retried;
    private final Counter failed;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    DeliveryWorker(
            Messages messages,
            MessageRendering renderer,
            EmailComposer composer,
            SmtpBatchSender sender,
            SmtpAvailability smtp,
            NotificationProperties properties,
            Clock clock,
            SecureRandom random,
            IdGenerator ids,
            MeterRegistry meters) {
        this.messages = messages;
        this.renderer = renderer;
        this.composer = composer;
        this.sender = sender;
        this.smtp = smtp;
        this.settings = properties.delivery();
        this.backoff = new Backoff(settings, random);
        this.clock = clock;
        this.ids = ids;
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

    /** Waits for the threads' current batches, all of them together at most one lease. */
    @Override
    public synchronized void stop() {
        running = false;
        wakeUp.release(threads.size());
        long deadline = System.nanoTime() + settings.lease().toNanos();
        try {
            for (Thread thread : threads) {
                TimeUnit.NANOSECONDS.timedJoin(thread, deadline - System.nanoTime());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        threads.stream()
                .filter(Thread::isAlive)
                .forEach(thread -> log.warn(
                        "{} is still sending after {}; its unfinished messages are sent again once their lease ends",
                        thread.getName(),
                        settings.lease()));
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            if (smtp.isDown()) {
                if (!waitForSmtp()) {
                    return;
                }
                continue;
            }
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

    /**
     * While the SMTP server is down: probes it if this thread's turn has come, else waits for the next probe (or a
     * wake-up). Returns false if the thread was interrupted.
     */
    private boolean waitForSmtp() {
        Instant now = clock.instant();
        if (smtp.startProbe(now)) {
            try {
                probeSmtp();
            } catch (RuntimeException e) {
                log.error("Probing the SMTP server failed unexpectedly, will retry", e);
            }
            return true;
        }
        Duration untilProbe = smtp.untilNextProbe(now);
        long waitMillis = untilProbe == null
                ? 0
                : Math.max(
                        10,
                        Math.min(untilProbe.toMillis(), settings.pollInterval().toMillis()));
        try {
            wakeUp.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Connects to the SMTP server and says QUIT. If that works while an outage is open, the outage ends: the
     * messages waiting for the server are due now and every delivery thread wakes up. Returns whether the server
     * answered. The delivery threads call it while the server is down; tests may call it directly.
     */
    boolean probeSmtp() {
        try {
            sender.probe();
        } catch (MessagingException | RuntimeException e) {
            SmtpFailure failure = SmtpFailure.of(e);
            smtp.probeFailed(failure.reason(), clock.instant());
            log.debug("SMTP server {} still unavailable: {}", sender.server(), failure.reason());
            return false;
        }
        Instant now = clock.instant();
        SmtpAvailability.Ended outage = smtp.probeSucceeded(now);
        if (outage != null) {
            int resumed = 0;
            try {
                resumed = messages.resumeWaitingForSmtp(now);
            } catch (DataAccessException e) {
                log.warn(
                        "Could not make the messages that waited for the SMTP server due at once; they are sent at"
                                + " their next attempt: {}",
                        e.getMessage());
            }
            log.info(
                    "SMTP server {} answers again after {} (since {}): delivery resumes with {} message(s) queued"
                            + " ({} of them brought forward from their retry time)",
                    sender.server(),
                    outage.duration(),
                    outage.since(),
                    queuedOrUnknown(),
                    resumed);
            wakeUp.release(Math.max(1, settings.threads()));
        }
        return true;
    }

    /**
     * One round: claim, render ({@link MessageRendering}), send over one connection, record the outcome of each.
     * Returns how many were claimed (none while the SMTP server is down: nothing is attempted until a probe gets
     * through).
     *
     * <p>Once half the lease has passed no further message of the batch is started: the untried ones go back to the
     * queue rather than risk the lease running out while they are sent, when another worker could claim and send
     * them as well. Should that still happen (one slow message), the claim token keeps this worker's late updates
     * from touching messages claimed since.
     *
     * <p>Each message is recorded as sent the moment the server has accepted it, before the next one is started: an
     * instance that dies in the middle of a batch leaves at most the one message it was handing over in doubt (the
     * server may have accepted it; it is sent again once the lease ends), not every message the batch had sent so far.
     */
    int deliverDueBatch() {
        if (smtp.isDown()) {
            return 0;
        }
        Instant now = clock.instant();
        UUID claim = ids.generateId();
        List<QueuedEmail> batch = messages.claimDue(claim, settings.batchSize(), now, now.plus(settings.lease()));
        if (batch.isEmpty()) {
            return 0;
        }
        Instant stopStartingAt = now.plus(settings.lease().dividedBy(2));
        List<MimeMessage> composed = new ArrayList<>();
        Map<MimeMessage, QueuedEmail> emails = new IdentityHashMap<>();
        Map<MimeMessage, SentContent> contents = new IdentityHashMap<>();
        for (QueuedEmail email : batch) {
            MessageRendering.Outcome rendering = renderer.render(email);
            if (rendering instanceof MessageRendering.Outcome.Failed failure) {
                fail(claim, email, failure.reason(), null);
                continue;
            }
            if (rendering instanceof MessageRendering.Outcome.Elsewhere elsewhere) {
                retryOrGiveUp(claim, email, elsewhere.reason(), false, null);
                continue;
            }
            RenderedEmail rendered = ((MessageRendering.Outcome.Rendered) rendering).email();
            SentContent content = SentContent.of(email.id(), rendered.subject(), rendered.html(), rendered.text());
            try {
                MimeMessage mime = composer.compose(email, rendered);
                composed.add(mime);
                emails.put(mime, email);
                contents.put(mime, content);
            } catch (MessagingException | UnsupportedEncodingException | RuntimeException e) {
                fail(claim, email, "Message could not be built: " + e.getMessage(), content);
            }
        }
        SentMessages sentMessages = new SentMessages(claim, contents);
        SmtpBatchSender.Outcome outcome =
                sender.send(composed, () -> clock.instant().isBefore(stopStartingAt), sentMessages::accepted);
        List<UUID> untried = new ArrayList<>();
        for (MimeMessage mime : composed) {
            QueuedEmail email = emails.get(mime);
            if (outcome.accepted().contains(mime)) {
                continue; // recorded as the server accepted it
            }
            if (outcome.failed().containsKey(mime)) {
                handle(claim, email, SmtpFailure.of(outcome.failed().get(mime)), contents.get(mime));
            } else {
                untried.add(email.id());
            }
        }
        sentMessages.finish();
        if (outcome.unavailable() != null) {
            serverUnavailable(claim, untried, SmtpFailure.of(outcome.unavailable()), now);
        } else if (!untried.isEmpty()) {
            log.info(
                    "Half the lease ({}) passed with {} message(s) of the batch untried: they go back to the queue",
                    settings.lease(),
                    untried.size());
            messages.release(claim, untried, clock.instant());
        }
        return batch.size();
    }

    /**
     * No connection could be opened: the untried messages go back to the queue without spending an attempt, and the
     * breaker opens (one WARN per outage, whichever thread sees it first).
     */
    private void serverUnavailable(UUID claim, List<UUID> untried, SmtpFailure failure, Instant claimedAt) {
        Instant now = clock.instant();
        messages.releaseUnreachable(claim, untried, failure.reason(), now);
        if (smtp.connectFailed(failure.reason(), claimedAt, now)) {
            log.warn(
                    "SMTP server {} is unavailable, delivery paused until it answers again ({} message(s) queued;"
                            + " probing from every {} up to every {}): {}",
                    sender.server(),
                    queuedOrUnknown(),
                    settings.outage().probeInterval(),
                    settings.outage().maxProbeInterval(),
                    failure.reason());
        } else {
            log.debug("SMTP server {} still unavailable: {}", sender.server(), failure.reason());
        }
    }

    /**
     * The messages of one claim that the SMTP server accepted, each recorded as sent when it is accepted. One whose
     * record fails on the database is recorded again when the batch is over; if that fails too the round fails, and
     * the message is sent again after the lease (at least once, never lost).
     */
    private final class SentMessages {

        private final UUID claim;
        private final Map<MimeMessage, SentContent> contents;
        private final List<SentContent> unrecorded = new ArrayList<>();
        private int takenOver;

        SentMessages(UUID claim, Map<MimeMessage, SentContent> contents) {
            this.claim = claim;
            this.contents = contents;
        }

        void accepted(MimeMessage mime) {
            SentContent content = contents.get(mime);
            try {
                record(List.of(content));
            } catch (DataAccessException e) {
                unrecorded.add(content);
            }
        }

        void finish() {
            if (!unrecorded.isEmpty()) {
                List<SentContent> again = List.copyOf(unrecorded);
                unrecorded.clear();
                record(again);
            }
            if (takenOver > 0) {
                log.warn(
                        "{} message(s) were sent after their lease ran out and another worker claimed them: they may be"
                                + " sent twice (raise notification.delivery.lease?)",
                        takenOver);
            }
        }

        private void record(List<SentContent> accepted) {
            takenOver += accepted.size() - messages.markSent(claim, accepted, clock.instant());
            sent.increment(accepted.size());
        }
    }

    private void handle(UUID claim, QueuedEmail email, SmtpFailure failure, SentContent content) {
        if (failure.permanent()) {
            fail(claim, email, failure.reason(), content);
        } else {
            retryOrGiveUp(claim, email, failure.reason(), failure.connectionFailed(), content);
        }
    }

    /** Schedules the next attempt of a transient failure, or fails the message once it is older than give-up-after. */
    private void retryOrGiveUp(
            UUID claim, QueuedEmail email, String reason, boolean connectionFailed, SentContent content) {
        Instant now = clock.instant();
        if (now.isAfter(email.createdAt().plus(settings.giveUpAfter()))) {
            fail(claim, email, "Gave up after " + email.attempts() + " attempts; last failure: " + reason, content);
        } else {
            Instant next = now.plus(backoff.after(email.attempts()));
            // A broken connection is the server's failure, reported once by the outage WARN if it lasts; a reply
            // about this message (greylisting, a full mailbox) is worth a line of its own.
            if (connectionFailed) {
                log.debug(
                        "Message {} (transaction {}) not sent, attempt {}; retrying at {} or when the SMTP server"
                                + " answers again: {}",
                        email.id(),
                        email.transactionId(),
                        email.attempts(),
                        next,
                        reason);
            } else {
                log.info(
                        "Message {} (transaction {}) not sent, attempt {}; retrying at {}: {}",
                        email.id(),
                        email.transactionId(),
                        email.attempts(),
                        next,
                        reason);
            }
            if (messages.retryLater(claim, email.id(), reason, next, now, connectionFailed)) {
                retried.increment();
            }
        }
    }

    /** @param content what it was rendered with, or null when it could not be rendered */
    private void fail(UUID claim, QueuedEmail email, String reason, SentContent content) {
        log.warn("Message {} (transaction {}) failed permanently: {}", email.id(), email.transactionId(), reason);
        if (messages.markFailed(claim, email.id(), reason, content, clock.instant())) {
            failed.increment();
        }
    }

    private String queuedOrUnknown() {
        double queued = queuedOrNaN();
        return Double.isNaN(queued) ? "an unknown number of" : String.valueOf((long) queued);
    }

    private double queuedOrNaN() {
        try {
            return messages.countQueued();
        } catch (DataAccessException e) {
            return Double.NaN;
        }
    }
}
