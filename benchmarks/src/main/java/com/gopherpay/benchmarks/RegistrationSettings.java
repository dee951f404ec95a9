package com.gopherpay.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;

/** The options of a {@code registration} run. */
record RegistrationSettings(
        int concurrency,
        Duration duration,
        Duration warmup,
        String downstream,
        List<String> hashers,
        double rateFraction,
        OptionalDouble rate,
        Duration openDuration) {

    private static final List<String> DOWNSTREAM = List.of("absent", "paused", "running");
    private static final List<String> HASHERS = List.of("java", "native", "both");

    static RegistrationSettings of(Options options) {
        String downstream = options.string("downstream", "absent");
        if (!DOWNSTREAM.contains(downstream)) {
            throw new IllegalArgumentException("--downstream must be one of " + DOWNSTREAM + ", got " + downstream);
        }
        String hasher = options.string("hasher", "both");
        if (!HASHERS.contains(hasher)) {
            throw new IllegalArgumentException("--hasher must be one of " + HASHERS + ", got " + hasher);
        }
        double fraction = options.decimal("rate-fraction", 0.8);
        if (fraction < 0 || fraction > 1.5) {
            throw new IllegalArgumentException("--rate-fraction must be between 0 and 1.5, got " + fraction);
        }
        Duration duration = options.duration("duration", Duration.ofSeconds(60));
        return new RegistrationSettings(
                options.integer("concurrency", 4),
                duration,
                // At ~60 registrations/s the request path runs too rarely for C2 to finish compiling it within a
                // minute: a profile 55-85 s into the load still showed C2 threads using 0.29 cores, counted as
                // non-hash CPU.
                options.duration("warmup", Duration.ofSeconds(180)),
                downstream,
                hasher.equals("both") ? List.of("java", "native") : List.of(hasher),
                fraction,
                options.has("rate") ? OptionalDouble.of(options.decimal("rate", 0)) : OptionalDouble.empty(),
                options.duration("open-duration", duration));
    }

    boolean openLoop() {
        return rate.isPresent() || rateFraction > 0;
    }

    /** The open-loop rate: {@code --rate}, or the fraction of the capacity just measured. */
    double openRate(double capacity) {
        return rate.orElse(rateFraction * capacity);
    }

    String openLabel() {
        return rate.isPresent()
                ? String.format("%.1f/s", rate.getAsDouble())
                : String.format("%.0f %% of capacity", 100 * rateFraction);
    }
}
