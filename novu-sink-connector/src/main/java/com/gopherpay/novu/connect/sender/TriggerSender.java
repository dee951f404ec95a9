package com.gopherpay.novu.connect.sender;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.gopherpay.novu.connect.record.Trigger;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers triggers to Novu: one per request, or up to 100 per bulk request. Transient failures are retried with the
 * same body and Idempotency-Key; permanent ones become {@link Outcome.Rejected}; an API key Novu refuses throws
 * {@link NovuAuthenticationException}, a URL that is not Novu's API (or may not receive the key)
 * {@link NovuEndpointException}; retries running out throws {@link NovuUnavailableException}, the caller's deadline
 * passing {@link DeadlineExceededException}. Requests are built by {@link TriggerRequests}, answers read by
 * {@link NovuAnswers}; this class decides what to send when and what to retry.
 */
public final class TriggerSender {

    private static final Logger log = LoggerFactory.getLogger(TriggerSender.class);

    private final NovuClient client;
    private final TriggerRequests requests;
    private final NovuAnswers answers;
    private final Backoff backoff;
    private final int maxRetries;
    private final Outage outage;
    private final Duration retryBudget;
    private final Sleeper sleeper;
    private final Clock clock;

    /**
     * @param maxRetries retries of one request before giving up; negative: no count limit, only the time budget
     * @param retryBudget how long an outage is retried before the batch is handed back ({@link NovuUnavailableException})
     */
    public TriggerSender(
            NovuClient client,
            ObjectMapper json,
            Backoff backoff,
            int maxRetries,
            Duration retryBudget,
            Sleeper sleeper,
            Clock clock) {
        this.client = client;
        this.requests = new TriggerRequests(client, json);
        this.answers = new NovuAnswers(json);
        this.backoff = backoff;
        this.maxRetries = maxRetries;
        this.retryBudget = retryBudget;
        this.outage = new Outage(retryBudget, clock);
        this.sleeper = sleeper;
        this.clock = clock;
    }

    /**
     * One outcome per trigger, in order. A batch of one uses the single endpoint, larger batches the bulk one. No
     * request is started, and no backoff begun, that would end after {@code deadline}: then it throws
     * {@link DeadlineExceededException}. A request already in flight may still take up to its HTTP timeout.
     */
    public List<Outcome> send(List<Trigger> batch, Instant deadline) throws InterruptedException {
        if (batch.isEmpty()) {
            return List.of();
        }
        return batch.size() == 1 ? List.of(sendOne(batch.get(0), deadline)) : sendBulk(batch, deadline);
    }

    private Outcome sendOne(Trigger trigger, Instant deadline) throws InterruptedException {
        HttpRequest request;
        try {
            request = requests.single(trigger);
        } catch (RuntimeException e) {
            // Something about this record makes the request impossible to build; retrying cannot help, and failing
            // the task would redeliver the same record forever. Only the exception's class: its message may quote
            // the offending value.
            return new Outcome.Rejected(
                    trigger,
                    new Rejection(
                            Rejection.Kind.UNSENDABLE_RECORD,
                            null,
                            "no valid Novu request can be built for it ("
                                    + e.getClass().getSimpleName() + ")"));
        }
        NovuResponse response =
                exchange(request, "trigger for " + trigger.describeRecord(), List.of(trigger), deadline);
        return answers.single(trigger, response);
    }

    private List<Outcome> sendBulk(List<Trigger> batch, Instant deadline) throws InterruptedException {
        HttpRequest request;
        try {
            request = requests.bulk(batch);
        } catch (RuntimeException e) {
            log.warn(
                    "Cannot build a bulk request for {} triggers ({}); sending them one by one",
                    batch.size(),
                    e.getClass().getSimpleName());
            return sendOneByOne(batch, deadline);
        }
        NovuResponse response = exchange(request, "bulk of " + batch.size() + " triggers", batch, deadline);
        if (!response.isSuccess()) {
            // A request-level rejection (e.g. one event failing DTO validation) must not take the good events with
            // it: send them one by one so only the bad ones are rejected.
            log.warn(
                    "Novu rejected a bulk of {} triggers ({}); sending them one by one to isolate the bad ones",
                    batch.size(),
                    answers.failure(response, batch));
            return sendOneByOne(batch, deadline);
        }
        return answers.bulk(batch, response);
    }

    private List<Outcome> sendOneByOne(List<Trigger> batch, Instant deadline) throws InterruptedException {
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        for (Trigger trigger : batch) {
            outcomes.add(sendOne(trigger, deadline));
        }
        return outcomes;
    }

    /**
     * Sends until Novu answers with a success or a permanent rejection. A transient failure is retried after the
     * backoff (or exactly the Retry-After Novu asked for), within the outage's time budget, which spans put() calls: a
     * wait that did not fit into the last put() is finished at the start of the next.
     */
    private NovuResponse exchange(HttpRequest request, String what, List<Trigger> triggers, Instant deadline)
            throws InterruptedException {
        awaitPendingBackoff(what, deadline);
        for (int attempt = 0; ; attempt++) {
            if (!clock.instant().isBefore(deadline)) {
                throw new DeadlineExceededException(
                        "The time budget of this put (put.timeout.ms) ran out before the " + what + " was sent",
                        Duration.ZERO);
            }
            String failure;
            Optional<String> retryAfter = Optional.empty();
            IOException cause = null;
            try {
                NovuResponse response = client.send(request);
                if (!response.isTransient()) {
                    outage.answered();
                }
                if (response.isAuthenticationFailure()) {
                    throw new NovuAuthenticationException("Novu refused the API key ("
                            + answers.failure(response, triggers)
                            + "). Check novu.api.key: it must be a secret API key of the target"
                            + " Novu environment with permission to trigger events.");
                }
                if (response.isWrongEndpoint()) {
                    throw new NovuEndpointException("Novu answered " + answers.failure(response, triggers)
                            + " for POST " + request.uri().getPath()
                            + ". Check novu.api.url: it must be the API's base URL, e.g. https://api.novu.co.");
                }
                if (!response.isTransient()) {
                    return response;
                }
                failure = answers.failure(response, triggers);
                retryAfter = response.retryAfter();
            } catch (IOException e) {
                failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                cause = e;
            }
            if (maxRetries >= 0 && attempt >= maxRetries) {
                // The outage goes on (no second WARN when Connect redelivers); only its time budget ends it.
                int failures = outage.failures() + 1;
                throw new NovuUnavailableException(
                        "Novu did not accept " + what + " after " + (attempt + 1) + " attempts (max.retries; "
                                + failures + " failed attempts in this outage); last failure: " + failure,
                        cause);
            }
            Duration delay = backoff.delay(outage.failures(), retryAfter);
            outage.failed(failure, delay);
            if (outage.exhausted()) {
                String message = "Novu has been unavailable for "
                        + outage.duration().toSeconds() + " s ("
                        + outage.failures() + " failed attempts), the retry time budget (novu.retry.max.duration.ms = "
                        + retryBudget.toMillis() + ") is used up; last failure: " + failure;
                outage.gaveUp();
                throw new NovuUnavailableException(message, cause);
            }
            if (clock.instant().plus(delay).isAfter(deadline)) {
                // The wait goes on at the start of the next put() (see awaitPendingBackoff).
                throw new DeadlineExceededException(
                        "The time budget of this put (put.timeout.ms) ran out before Novu accepted the " + what
                                + " (attempt " + (attempt + 1) + "; last failure: " + failure + ")",
                        delay);
            }
            sleeper.sleep(delay);
        }
    }

    /** Finishes a backoff that an earlier put() handed back before it was over, as far as this put's deadline allows. */
    private void awaitPendingBackoff(String what, Instant deadline) throws InterruptedException {
        Instant notBefore = outage.notBefore();
        if (notBefore == null) {
            return;
        }
        Duration wait = Duration.between(clock.instant(), notBefore);
        if (wait.isNegative() || wait.isZero()) {
            return;
        }
        if (clock.instant().plus(wait).isAfter(deadline)) {
            throw new DeadlineExceededException(
                    "The time budget of this put (put.timeout.ms) ran out before the " + what + " was sent", wait);
        }
        sleeper.sleep(wait);
    }
}
