package com.gopherpay.benchmarks;

import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Valid, unique registrations for the load generators. The password shares nothing with the email or the name, so
 * the service's password rules accept it; the first rejection is printed, so a benchmark never silently measures
 * 400s. Sent with {@link KeepAliveHttp}, whose CPU per request is a fraction of java.net.http's, since the load
 * generator shares the cores with the service it measures. Each calling thread keeps one connection open until the
 * stack it registers with stops.
 */
final class Registrations {

    private static final String FULL_NAME = "Load Tester";
    private final AtomicBoolean rejectionShown = new AtomicBoolean();
    private final KeepAliveHttp http = new KeepAliveHttp();
    private final URI register;
    private final String emailPrefix;

    Registrations(URI identityUrl, String emailPrefix) {
        this.register = identityUrl.resolve("/auth/register");
        this.emailPrefix = emailPrefix;
    }

    /** A fresh address for the next registration. */
    String nextEmail() {
        return emailPrefix + "-" + UUID.randomUUID() + "@example.com";
    }

    /** Registers {@code email}; returns the HTTP status. */
    int register(String email) throws Exception {
        // Ends in letters: a common word followed only by digits and symbols counts as a common password.
        String password = "Kite-" + UUID.randomUUID().toString().substring(0, 18) + "-Zq";
        KeepAliveHttp.Response response = http.postJson(
                register,
                Map.of("email", email, "password", password, "confirmPassword", password, "fullName", FULL_NAME),
                Map.of());
        if (response.statusCode() != 201 && rejectionShown.compareAndSet(false, true)) {
            System.out.printf("first rejected registration: HTTP %d %s%n", response.statusCode(), response.body());
        }
        return response.statusCode();
    }
}
