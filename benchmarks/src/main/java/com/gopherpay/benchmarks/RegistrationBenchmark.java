package com.gopherpay.benchmarks;

import com.gopherpay.localstack.LocalStack;
import com.gopherpay.localstack.LocalStackOptions;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Closed-loop registrations: N clients, each sending the next registration as soon as the last one answered, with
 * unique emails. Compares the throughput with the hash bound, cores ÷ single-hash time, probed in this JVM before the
 * stack starts and again after it stopped, and splits the identity service's CPU per registration into the Argon2id
 * CPU the service measures itself ({@code identity_password_hash_cpu_seconds_total}) and the rest. Then, in the same
 * stack, open-loop registrations at a fraction of the capacity just measured (80 % by default), whose p99 issue #14
 * compares with the single-hash time. With {@code --hasher both} (the default) it does all that once with the service
 * hashing by Bouncy Castle and once by the native reference implementation, and prints the ratios issue #14 sets
 * targets for.
 */
final class RegistrationBenchmark implements Benchmarks.Benchmark {

    static final String HASH_CPU_METRIC = "identity_password_hash_cpu_seconds_total";
    static final double P99_TARGET = 3.0;

    @Override
    public void run(Options options, Results results) throws Exception {
        RegistrationSettings settings = RegistrationSettings.of(options);
        int cores = Runtime.getRuntime().availableProcessors();
        Map<String, Result> byHasher = new LinkedHashMap<>();
        System.out.println(MachineInfo.hashers(settings.hashers()));
        for (String hasher : settings.hashers()) {
            System.out.printf("%n=== --hasher %s (identity.password.implementation=%s) ===%n", hasher, hasher);
            byHasher.put(hasher, runOne(hasher, settings, cores));
        }
        if (byHasher.size() == 2) {
            Result java = byHasher.get("java");
            Result nativeRun = byHasher.get("native");
            new HasherComparison(
                            "registration",
                            java.bound(),
                            java.saturation().throughput(),
                            nativeRun.bound(),
                            nativeRun.saturation().throughput())
                    .print();
        }
        byHasher.forEach((hasher, result) -> result.printOpenLoopRatio(hasher));
        writeCharts(results, settings, byHasher);
    }

    /** What one hasher's run gave. */
    private record Result(LoadWindow saturation, Optional<LoadWindow> open, HashBound bound, long peakRssMiB) {

        void printOpenLoopRatio(String hasher) {
            open.ifPresent(window -> {
                double p99 = window.latencies().percentiles().p99();
                System.out.printf(
                        "RATIO %s registration p99 in the open-loop window (%.1f/s) / single hash = %.1f ms / %.1f ms"
                                + " = %.1fx (target <= %.0fx)%n",
                        hasher, window.throughput(), p99, bound.singleMillis(), p99 / bound.singleMillis(), P99_TARGET);
            });
        }
    }

    private static Result runOne(String hasher, RegistrationSettings settings, int cores) throws Exception {
        HashBound before = HashBound.probe(hasher, cores);
        before.print("before the stack started");

        SaturationWindow saturation;
        Optional<LoadWindow> open = Optional.empty();
        try (LocalStack stack = startStack(settings.downstream(), hasher)) {
            URI identityUrl = stack.identityUrl();
            describeDownstream(stack, settings.downstream());
            Registrations registrations = new Registrations(identityUrl, "bench");
            Operation register = () -> registrations.register(registrations.nextEmail());
            ClosedLoop.run("warm-up", register, 201, settings.concurrency(), settings.warmup());

            saturation = SaturationWindow.measure(
                    stack, settings.downstream(), register, settings.concurrency(), settings.duration(), hasher);
            saturation.print(settings.concurrency(), cores);

            if (settings.openLoop()) {
                double rate = settings.openRate(saturation.load().throughput());
                System.out.printf(
                        "%nopen loop at %s: %.1f registrations/s on a fixed timetable for %d s, latency from each"
                                + " request's scheduled time%n",
                        settings.openLabel(), rate, settings.openDuration().toSeconds());
                LoadWindow window = OpenLoop.run(
                        hasher + " at " + settings.openLabel(), register, 201, rate, settings.openDuration());
                System.out.printf(
                        "open loop: %.1f registrations/s served, outcomes %s%nopen loop latency %s%n",
                        window.throughput(),
                        window.outcomes(),
                        window.latencies().summary());
                open = Optional.of(window);
            }
        }

        HashBound after = HashBound.probe(hasher, cores);
        after.print("after the stack stopped");
        HashBound used = HashBound.mean(before, after);
        used.print("USED (mean of the probes before and after)");

        double throughput = saturation.load().throughput();
        System.out.printf(
                "throughput %.1f registrations/s = %.0f%% of the hash bound (%.1f/s), %.0f%% of the measured parallel "
                        + "bound (%.1f/s)%n",
                throughput,
                100 * throughput / used.bound(),
                used.bound(),
                100 * throughput / used.parallelPerSecond(),
                used.parallelPerSecond());
        if (saturation.hashCpuSeconds().isPresent()) {
            double hashMillis = saturation.hashCpuSeconds().getAsDouble()
                    * 1000
                    / Math.max(1, saturation.load().succeeded());
            System.out.printf(
                    "in-service hash CPU %.1f ms per registration vs the quiet probe's single hash %.1f ms (%+.0f%%)%n",
                    hashMillis, used.singleMillis(), 100 * (hashMillis / used.singleMillis() - 1));
        }
        return new Result(saturation.load(), open, used, saturation.peakRssMiB());
    }

    private static void describeDownstream(LocalStack stack, String downstream) throws Exception {
        switch (downstream) {
            case "absent" ->
                System.out.println(
                        "downstream absent: PostgreSQL, Kafka and identity-service only; nothing consumes the topic");
            case "paused" -> {
                // Records wait in Kafka, so Connect, notification-service and SMTP stay idle but running.
                URI pause = stack.connectUrl().resolve("/connectors/email-verification-novu-sink/pause");
                System.out.printf("downstream paused (Connect PUT pause: HTTP %d)%n", new Http().put(pause));
            }
            default -> System.out.println("downstream running: Connect, notification-service and SMTP take load");
        }
    }

    private static LocalStack startStack(String downstream, String hasher) {
        LocalStackOptions options = LocalStackOptions.forTests()
                .withIdentityProperties(StackRunner.UNLIMITED_RATE)
                .withIdentityProperties(Map.of("identity.password.implementation", hasher));
        if (downstream.equals("absent")) {
            options = options.withIdentityOnly();
        }
        Instant begin = Instant.now();
        LocalStack stack = LocalStack.start(options);
        System.out.printf(
                "stack ready in %.1f s%n",
                Duration.between(begin, Instant.now()).toMillis() / 1000.0);
        return stack;
    }

    /** The #14 ratios of the run in one line, for the charts' title block. */
    private static String ratios(Map<String, Result> byHasher) {
        List<String> parts = new ArrayList<>();
        if (byHasher.size() == 2) {
            HasherComparison comparison = new HasherComparison(
                    "registration",
                    byHasher.get("java").bound(),
                    byHasher.get("java").saturation().throughput(),
                    byHasher.get("native").bound(),
                    byHasher.get("native").saturation().throughput());
            parts.add(String.format("throughput gain / single-hash gain %.0f %%", 100 * comparison.gainShare()));
            parts.add(String.format("native / native hash bound %.0f %%", 100 * comparison.nativeBoundShare()));
        }
        byHasher.forEach((hasher, result) -> result.open()
                .ifPresent(open -> parts.add(String.format(
                        "%s open-loop p99 / single hash %.1fx",
                        hasher,
                        open.latencies().percentiles().p99() / result.bound().singleMillis()))));
        return "ratios: " + (parts.isEmpty() ? "none" : String.join("; ", parts));
    }

    private static void writeCharts(Results results, RegistrationSettings settings, Map<String, Result> byHasher) {
        List<String> subtitle = results.subtitle(
                MachineInfo.hashers(byHasher.keySet()),
                String.format(
                        "registration: concurrency %d, %d s after %d s of warm-up, downstream %s%s",
                        settings.concurrency(),
                        settings.duration().toSeconds(),
                        settings.warmup().toSeconds(),
                        settings.downstream(),
                        settings.openLoop()
                                ? String.format(
                                        "; then open loop at %s for %d s",
                                        settings.openLabel(),
                                        settings.openDuration().toSeconds())
                                : ""),
                ratios(byHasher));
        List<LoadWindow> saturation = new ArrayList<>();
        List<LoadWindow> open = new ArrayList<>();
        byHasher.forEach((hasher, result) -> {
            saturation.add(result.saturation());
            result.open().ifPresent(open::add);
        });
        results.chart(
                "registration-latency-saturation.svg",
                Charts.latency("Registration latency at saturation (closed loop)", subtitle, saturation));
        List<LoadWindow> all = new ArrayList<>(saturation);
        all.addAll(open);
        results.chart(
                "registration-throughput.svg",
                Charts.throughput("Registrations per second over the run", subtitle, "registrations", all));
        if (!open.isEmpty()) {
            results.chart(
                    "registration-latency-open-loop.svg",
                    Charts.latency(
                            "Registration latency at " + settings.openLabel() + " (open loop, from the scheduled time)",
                            subtitle,
                            open));
        }
    }
}
