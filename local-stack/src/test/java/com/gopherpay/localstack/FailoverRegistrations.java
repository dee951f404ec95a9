package com.gopherpay.localstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Registrations of new addresses sent {@code concurrency} at a time through one URL (the identity balancer), as a
 * client would send them while an instance behind it may die.
 *
 * <p>How a connection failure is treated: the request may or may not have reached the instance that died, and may or
 * may not have been committed there, so the client sends <em>the same registration</em> (same address, same password)
 * again through the balancer, which connects to a live instance. A retry answered 201 (the first attempt never
 * committed) or 409 (it did: the address is taken, by this very registration) both mean the account exists once; the
 * address must then get exactly one email. An HTTP answer is never retried: a 5xx comes from a live instance and is
 * reported as such.
 */
final class FailoverRegistrations {

    /** Attempts of one registration when the connection fails each time (the balancer skips a dead instance). */
    private static final int CONNECTION_ATTEMPTS = 5;

    private static final ObjectMapper json = new ObjectMapper();

    /** What became of one registration. */
    enum Outcome {
        /** 201 on the first attempt. */
        CREATED,
        /** 201 on a retry after a connection failure. */
        CREATED_ON_RETRY,
        /** 409 on a retry after a connection failure: the failed attempt had committed the account. */
        TAKEN_ON_RETRY,
        /** A 5xx answer (from a live instance: a dead one does not answer). */
        SERVER_ERROR,
        /** Any other answer (a 4xx, a 409 on the first attempt). */
        REFUSED,
        /** The connection failed on every attempt. */
        UNREACHABLE;

        /** Whether the account exists once, so that the address is owed exactly one email. */
        boolean accountExists() {
            return this == CREATED || this == CREATED_ON_RETRY || this == TAKEN_ON_RETRY;
        }
    }

    /**
     * One registration.
     *
     * @param answeredAt when the final answer arrived
     * @param status the final HTTP status, 0 when none came
     * @param connectionFailures attempts that ended without an HTTP answer
     */
    record Result(String email, Outcome outcome, int status, Instant answeredAt, int connectionFailures) {}

    private final HttpClient http;
    private final URI identity;
    private final String prefix;
    private final ExecutorService pool;
    private final List<Future<Result>> results = new ArrayList<>();
    private final AtomicInteger answered = new AtomicInteger();

    private FailoverRegistrations(HttpClient http, URI identity, String prefix, int concurrency) {
        this.http = http;
        this.identity = identity;
        this.prefix = prefix;
        this.pool = Executors.newFixedThreadPool(concurrency, task -> {
            Thread thread = new Thread(task, "registration-burst-" + prefix);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts {@code count} registrations, {@code concurrency} at a time, of addresses starting with {@code prefix}. */
    static FailoverRegistrations start(HttpClient http, URI identity, String prefix, int count, int concurrency) {
        FailoverRegistrations burst = new FailoverRegistrations(http, identity, prefix, concurrency);
        for (int i = 0; i < count; i++) {
            burst.results.add(burst.pool.submit(burst::registerOne));
        }
        burst.pool.shutdown();
        return burst;
    }

    /** Registrations answered so far (whatever the answer). */
    int answered() {
        return answered.get();
    }

    /** Waits for every registration; each has a result (failures are results, not exceptions). */
    List<Result> awaitAll(Duration timeout) throws Exception {
        if (!pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            pool.shutdownNow();
            throw new TimeoutException("The registration burst " + prefix + " did not finish within " + timeout);
        }
        List<Result> done = new ArrayList<>();
        for (Future<Result> result : results) {
            done.add(result.get());
        }
        return done;
    }

    private Result registerOne() throws InterruptedException {
        String email = prefix + "-" + UUID.randomUUID() + "@example.com";
        String password =
                "Correct-Horse-Battery-" + UUID.randomUUID().toString().substring(0, 8);
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(identity.resolve("/auth/register"))
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of(
                            "email", email,
                            "password", password,
                            "confirmPassword", password,
                            "fullName", "Grace Hopper"))))
                    .build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        int connectionFailures = 0;
        try {
            while (connectionFailures < CONNECTION_ATTEMPTS) {
                HttpResponse<String> response;
                try {
                    response = http.send(request, HttpResponse.BodyHandlers.ofString());
                } catch (IOException connectionFailed) {
                    connectionFailures++;
                    continue;
                }
                return new Result(
                        email,
                        outcome(response.statusCode(), connectionFailures > 0),
                        response.statusCode(),
                        Instant.now(),
                        connectionFailures);
            }
            return new Result(email, Outcome.UNREACHABLE, 0, Instant.now(), connectionFailures);
        } finally {
            answered.incrementAndGet();
        }
    }

    private static Outcome outcome(int status, boolean retried) {
        if (status == 201) {
            return retried ? Outcome.CREATED_ON_RETRY : Outcome.CREATED;
        }
        if (status == 409 && retried) {
            return Outcome.TAKEN_ON_RETRY;
        }
        return status >= 500 ? Outcome.SERVER_ERROR : Outcome.REFUSED;
    }
}
