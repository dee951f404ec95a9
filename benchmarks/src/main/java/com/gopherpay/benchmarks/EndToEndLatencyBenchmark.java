package com.gopherpay.benchmarks;

import com.gopherpay.benchmarks.chart.BarChart;
import com.gopherpay.benchmarks.chart.LineChart;
import com.gopherpay.localstack.LocalStack;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Open-loop registrations at a fixed rate through the whole stack; for each, the time from its {@code 201 Created} to
 * the moment the SMTP server accepted its verification email, after a warm-up that is not measured. With
 * {@code --rate-fraction F} the rate is F times the registration capacity measured first, closed loop, in the same
 * stack (issue #14: p99 ≤ 300 ms at half of it). Start time and memory are the {@code footprint} benchmark's.
 */
final class EndToEndLatencyBenchmark implements Benchmarks.Benchmark {

    static final double P99_TARGET_MILLIS = 300;
    private static final List<String> HASHERS = List.of("auto", "java", "native");

    @Override
    public void run(Options options, Results results) throws Exception {
        Duration duration = options.duration("duration", Duration.ofSeconds(30));
        Duration warmup = options.duration("warmup", Duration.ofSeconds(10));
        String hasher = options.string("hasher", "auto");
        if (!HASHERS.contains(hasher)) {
            throw new IllegalArgumentException("--hasher must be one of " + HASHERS + ", got " + hasher);
        }
        boolean fractionOfCapacity = options.has("rate-fraction");
        if (fractionOfCapacity && options.has("rate")) {
            throw new IllegalArgumentException("Give either --rate or --rate-fraction, not both");
        }

        Map<String, String> identity = new HashMap<>(StackRunner.UNLIMITED_RATE);
        if (!hasher.equals("auto")) {
            identity.put("identity.password.implementation", hasher);
        }
        try (LocalStack stack = StackRunner.start(identity)) {
            String inUse = new Prometheus(stack.identityManagementUrl())
                    .label("identity_password_hash_implementation", "implementation")
                    .orElse(hasher);
            String hasherLine = MachineInfo.hasher(inUse);
            System.out.println(hasherLine);
            MailboxArrivals mailbox = new MailboxArrivals(stack.mailboxUrl());
            Registrations registrations = new Registrations(stack.identityUrl(), "e2e");

            double rate = options.decimal("rate", 5);
            String rateLabel = String.format("%.1f/s", rate);
            if (fractionOfCapacity) {
                double fraction = options.decimal("rate-fraction", 0.5);
                double capacity = Capacity.measure(
                        registrations,
                        mailbox,
                        options.integer("concurrency", 4),
                        options.duration("capacity-warmup", Duration.ofSeconds(60)),
                        options.duration("capacity-duration", Duration.ofSeconds(30)));
                rate = fraction * capacity;
                rateLabel = String.format("%.1f/s = %.0f %% of capacity", rate, 100 * fraction);
            }

            Map<String, Instant> created = new ConcurrentHashMap<>();
            OpenLoop.run("warm-up", () -> registrations.register(registrations.nextEmail()), 201, rate, warmup);
            Instant measuredFrom = Instant.now();
            LoadWindow window = OpenLoop.run(
                    "registration request at " + rateLabel,
                    () -> {
                        String email = registrations.nextEmail();
                        int status = registrations.register(email);
                        if (status == 201) {
                            created.put(email, Instant.now());
                        }
                        return status;
                    },
                    201,
                    rate,
                    duration);

            Map<String, Instant> arrivals = awaitEmails(mailbox, created);
            Latencies endToEnd = new Latencies();
            Timeline delivered = new Timeline();
            int missing = 0;
            for (Map.Entry<String, Instant> registration : created.entrySet()) {
                Instant arrived = arrivals.get(registration.getKey());
                if (arrived == null) {
                    missing++;
                } else {
                    endToEnd.record(Duration.between(registration.getValue(), arrived));
                    delivered.record(Duration.between(measuredFrom, arrived));
                }
            }
            System.out.printf(
                    "rate %s for %d s after %d s of warm-up: %d registered, outcomes %s, %d emails missing after"
                            + " 120 s%n",
                    rateLabel, duration.toSeconds(), warmup.toSeconds(), created.size(), window.outcomes(), missing);
            System.out.printf(
                    "registration request (from its scheduled time): %s%n",
                    window.latencies().summary());
            System.out.printf("201 Created -> email accepted by SMTP: %s%n", endToEnd.summary());
            System.out.printf(
                    "p99 201 -> SMTP accepted %.1f ms (target <= %.0f ms at half of registration capacity)%n",
                    endToEnd.percentiles().p99(), P99_TARGET_MILLIS);

            List<String> subtitle = results.subtitle(
                    hasherLine,
                    String.format(
                            "end-to-end: open loop at %s for %d s after %d s of warm-up",
                            rateLabel, duration.toSeconds(), warmup.toSeconds()));
            results.chart(
                    "end-to-end-latency.svg",
                    new BarChart(
                                    "201 Created to email accepted by SMTP at " + rateLabel,
                                    subtitle,
                                    Latencies.Percentiles.LABELS,
                                    "percentile",
                                    "latency (ms)")
                            .add("201 -> SMTP accepted", endToEnd.percentiles().values())
                            .add(
                                    "registration request",
                                    window.latencies().percentiles().values()));
            results.chart(
                    "end-to-end-throughput.svg",
                    new LineChart(
                                    "Registrations and emails per second over the run",
                                    subtitle,
                                    "seconds into the measured window",
                                    "per second")
                            .add("registrations created", window.timeline().points(duration))
                            .add("emails accepted by SMTP", delivered.points(duration)));
        }
    }

    /** Polls the dev mailbox until every registration's email arrived, for at most 120 s. */
    private static Map<String, Instant> awaitEmails(MailboxArrivals mailbox, Map<String, Instant> created)
            throws Exception {
        Instant giveUp = Instant.now().plusSeconds(120);
        Map<String, Instant> arrivals = mailbox.byRecipient();
        while (!arrivals.keySet().containsAll(created.keySet()) && Instant.now().isBefore(giveUp)) {
            TimeUnit.MILLISECONDS.sleep(500); // polling the mailbox until the last email has arrived
            arrivals = mailbox.byRecipient();
        }
        return arrivals;
    }

    /** The registration capacity of the whole stack, closed loop, with its emails delivered before going on. */
    private static final class Capacity {

        private Capacity() {}

        static double measure(
                Registrations registrations,
                MailboxArrivals mailbox,
                int concurrency,
                Duration warmup,
                Duration duration)
                throws Exception {
            Operation register = () -> registrations.register(registrations.nextEmail());
            LoadWindow warm = ClosedLoop.run("capacity warm-up", register, 201, concurrency, warmup);
            LoadWindow window = ClosedLoop.run("capacity", register, 201, concurrency, duration);
            System.out.printf(
                    "registration capacity with the whole stack running: %.1f/s (closed loop, concurrency %d, %d s"
                            + " after %d s of warm-up), outcomes %s%n",
                    window.throughput(), concurrency, duration.toSeconds(), warmup.toSeconds(), window.outcomes());
            // The backlog of those emails would otherwise be measured as end-to-end latency.
            long expected = warm.succeeded() + window.succeeded();
            Instant giveUp = Instant.now().plusSeconds(300);
            while (mailbox.total() < expected && Instant.now().isBefore(giveUp)) {
                TimeUnit.MILLISECONDS.sleep(500); // polling the mailbox until the backlog is delivered
            }
            System.out.printf("%d of %d capacity emails delivered before the open loop%n", mailbox.total(), expected);
            return window.throughput();
        }
    }
}
