package com.gopherpay.localstack.process;

import com.gopherpay.localstack.StartupFailed;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/** Waits until a part of the stack answers over HTTP the way a ready one does. */
public final class Readiness {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Readiness() {}

    /**
     * Polls {@code url} until a response matches {@code ready}.
     *
     * @param process the process that must stay alive meanwhile, or null for an in-process server
     */
    public static void awaitHttp(
            String what, URI url, Predicate<HttpResponse<String>> ready, JavaProcess process, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            if (process != null) {
                process.requireAlive();
            }
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(url)
                                .timeout(Duration.ofSeconds(5))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.test(response)) {
                    return;
                }
                last = "HTTP " + response.statusCode();
            } catch (IOException e) {
                last = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StartupFailed("Interrupted while waiting for " + what);
            }
            pause();
        }
        String logHint = process == null ? "" : " (see " + process.logFile() + ")";
        throw new StartupFailed(what + " was not ready after " + timeout.toSeconds() + " s: " + last + logHint);
    }

    /** Status 200 with a Spring Boot health body that says UP. */
    public static boolean healthUp(HttpResponse<String> response) {
        return response.statusCode() == 200 && response.body().contains("\"UP\"");
    }

    private static void pause() {
        try {
            // A poll interval between HTTP probes of a starting server, not a wait for a result.
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupFailed("Interrupted while waiting");
        }
    }
}
