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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * New accounts registered through identity-service from a few client threads at once, as a burst of sign-ups during a
 * fault: each address with the time its 201 came, and every answer that was not a 201 (status and body), which the
 * caller asserts to be none.
 */
final class RegistrationBurst {

    private static final ObjectMapper json = new ObjectMapper();
    private static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Map<String, Instant> registered = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());

    private RegistrationBurst() {}

    /** Registers {@code count} new addresses through {@code identity} with {@code clients} concurrent clients. */
    static RegistrationBurst of(URI identity, String prefix, int count, int clients) throws InterruptedException {
        return registerWhile(identity, prefix, count, count, clients, () -> false);
    }

    /**
     * Registers at least {@code min} new addresses and goes on while {@code more} says so, up to {@code max} (so that
     * the burst spans a fault whose end is not known in advance).
     */
    static RegistrationBurst registerWhile(
            URI identity, String prefix, int min, int max, int clients, BooleanSupplier more)
            throws InterruptedException {
        RegistrationBurst burst = new RegistrationBurst();
        AtomicInteger started = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                running.add(threads.submit(() -> {
                    while (true) {
                        int n = started.incrementAndGet();
                        if (n > max || (n > min && !more.getAsBoolean())) {
                            return null;
                        }
                        burst.registerOne(identity, prefix);
                    }
                }));
            }
            for (Future<?> client : running) {
                try {
                    client.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    burst.failures.add("client failed: " + e.getCause());
                }
            }
        } finally {
            threads.shutdownNow();
        }
        return burst;
    }

    /** The addresses that got a 201, in order, with when it came. */
    Map<String, Instant> registered() {
        synchronized (registered) {
            return new LinkedHashMap<>(registered);
        }
    }

    /** Every answer that was not a 201, or a request that got no answer. */
    List<String> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    private void registerOne(URI identity, String prefix) throws InterruptedException {
        String email = prefix + "-" + UUID.randomUUID() + "@example.com";
        String password =
                "Correct-Horse-Battery-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(identity.resolve("/auth/register"))
                            .header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(60))
                            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of(
                                    "email",
                                    email,
                                    "password",
                                    password,
                                    "confirmPassword",
                                    password,
                                    "fullName",
                                    "Grace Hopper"))))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 201) {
                registered.put(email, Instant.now());
            } else {
                failures.add(response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            failures.add("no answer: " + e);
        }
    }
}
