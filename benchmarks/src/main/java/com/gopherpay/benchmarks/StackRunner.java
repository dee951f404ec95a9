package com.gopherpay.benchmarks;

import com.gopherpay.localstack.LocalStack;
import com.gopherpay.localstack.LocalStackOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Starts the real local stack on free ports for a benchmark, and reports how long it took. */
final class StackRunner {

    private StackRunner() {}

    /** Benchmarks come from one address by design: the per-client rate limits would measure themselves. */
    static final Map<String, String> UNLIMITED_RATE = Map.of("identity.rate-limit.enabled", "false");

    static LocalStack start(Map<String, String> identityProperties) {
        Instant begin = Instant.now();
        LocalStack stack = LocalStack.start(LocalStackOptions.forTests().withIdentityProperties(identityProperties));
        System.out.printf(
                "stack ready in %.1f s%n",
                Duration.between(begin, Instant.now()).toMillis() / 1000.0);
        return stack;
    }
}
