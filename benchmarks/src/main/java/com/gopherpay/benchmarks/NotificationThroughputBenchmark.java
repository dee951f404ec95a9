package com.gopherpay.benchmarks;

import com.gopherpay.benchmarks.chart.BarChart;
import com.gopherpay.benchmarks.chart.LineChart;
import com.gopherpay.localstack.LocalStack;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * Triggers sent straight to notification-service (as the connector would), then the rate at which the emails reach
 * the local SMTP server.
 */
final class NotificationThroughputBenchmark implements Benchmarks.Benchmark {

    @Override
    public void run(Options options, Results results) throws Exception {
        int count = options.integer("count", 5000);
        int concurrency = options.integer("concurrency", 16);
        // 1: one POST /v1/events/trigger per event; 2-100: POST /v1/events/trigger/bulk, as the connector sends with
        // batch.max.size above 1.
        int bulk = options.integer("bulk", 1);
        // GreenMail keeps one mailbox per address and finds it by a linear scan, so thousands of distinct addresses
        // make the dev SMTP server, not notification-service, the bottleneck (seen in a JFR profile). Subscribers and
        // transaction ids stay unique; the emails go to this many distinct addresses.
        int addresses = options.integer("addresses", 50);

        // Events sent and delivered before the measured ones, so that the JIT has compiled the hot paths (a profile
        // of an unwarmed run showed C2 compiler threads using half a core) and the figures are steady-state ones.
        int warmup = options.integer("warmup", 4000);

        try (LocalStack stack = StackRunner.start(Map.of())) {
            URI trigger = stack.notificationUrl().resolve(bulk > 1 ? "/v1/events/trigger/bulk" : "/v1/events/trigger");
            Map<String, String> auth = Map.of("Authorization", "ApiKey " + stack.notificationApiKey());
            String run = UUID.randomUUID().toString().substring(0, 8);
            MailboxArrivals mailbox = new MailboxArrivals(stack.mailboxUrl());
            Sender sender = new Sender(trigger, auth, concurrency, bulk, addresses);

            if (warmup > 0) {
                int empty = mailbox.total();
                Phase phase = sender.send("warm-" + run, warmup);
                awaitArrivals(mailbox, empty + phase.accepted());
                System.out.printf("warm-up: %d events accepted and delivered%n", phase.accepted());
            }

            int before = mailbox.total();
            Map<String, Duration> cpuBefore = cpuByPart(stack.processIds());
            Map<String, Duration> jitBefore = jitByPart(stack.processIds());
            Instant started = Instant.now();
            Phase phase = sender.send("bench-" + run, count);
            System.out.printf(
                    "%d events in %s with %d clients in %.1f s: %.0f events/s accepted, HTTP outcomes %s%n",
                    count,
                    bulk > 1 ? "bulk requests of " + bulk : "single triggers",
                    concurrency,
                    phase.seconds(),
                    phase.accepted() / phase.seconds(),
                    phase.outcomes());
            System.out.printf("request latency %s%n", phase.latencies().summary());

            awaitArrivals(mailbox, before + phase.accepted());
            Map<String, Duration> cpuAfter = cpuByPart(stack.processIds());
            Map<String, Duration> jitAfter = jitByPart(stack.processIds());
            List<Instant> arrivals = mailbox.arrivalTimes().stream()
                    .filter(arrival -> !arrival.isBefore(started))
                    .toList();
            Instant last = arrivals.stream().max(Instant::compareTo).orElse(started);
            Instant first = arrivals.stream().min(Instant::compareTo).orElse(started);
            int delivered = mailbox.total() - before;
            double drainSeconds = Duration.between(started, last).toMillis() / 1000.0;
            System.out.printf(
                    "%d of %d emails delivered: %.0f emails/s from first trigger to last arrival, "
                            + "%.0f emails/s between first and last arrival%n",
                    delivered,
                    phase.accepted(),
                    delivered / drainSeconds,
                    delivered / Math.max(0.001, Duration.between(first, last).toMillis() / 1000.0));
            // Wall-clock rates depend on whatever else runs on the machine; CPU per email does much less.
            System.out.printf("CPU from first trigger to last arrival, per email delivered:%n");
            printPerEmail(cpuBefore, cpuAfter, delivered, "  %-45s %6.1f s = %.2f ms per email%n");
            // Part of the JVMs' CPU in the window is the JIT still compiling (the warm-up does not reach every
            // method's compile threshold): shown apart, and included in the figures above.
            System.out.printf("  of which JIT compiler threads:%n");
            printPerEmail(jitBefore, jitAfter, delivered, "    %-43s %6.1f s = %.2f ms per email%n");

            Timeline deliveries = new Timeline();
            arrivals.forEach(arrival -> deliveries.record(Duration.between(started, arrival)));
            Duration chartLength = Duration.between(started, last).plusSeconds(1);
            String mode = bulk > 1 ? "bulk requests of " + bulk : "single triggers";
            List<String> subtitle = results.subtitle(String.format(
                    "notification: %d events in %s, %d clients, %d addresses, after %d warm-up events",
                    count, mode, concurrency, addresses, warmup));
            results.chart(
                    "notification-latency.svg",
                    new BarChart(
                                    "notification-service request latency, " + mode,
                                    subtitle,
                                    Latencies.Percentiles.LABELS,
                                    "percentile",
                                    "latency (ms)")
                            .add(
                                    "trigger request",
                                    phase.latencies().percentiles().values()));
            results.chart(
                    "notification-throughput.svg",
                    new LineChart(
                                    "Events accepted and emails delivered per second, " + mode,
                                    subtitle,
                                    "seconds since the first trigger",
                                    "per second")
                            .add("events accepted", phase.acceptedPerSecond().points(chartLength))
                            .add("emails delivered to SMTP", deliveries.points(chartLength)));
        }
    }

    /**
     * CPU time used so far by each part of the stack: this JVM (load generator, Kafka, SMTP) on its own, every other
     * part with its descendants (PostgreSQL's backends are children of the postmaster).
     */
    private static Map<String, Duration> cpuByPart(Map<String, Long> pids) {
        long self = ProcessHandle.current().pid();
        Map<String, Duration> parts = new LinkedHashMap<>();
        pids.forEach((name, pid) -> parts.put(
                name,
                ProcessHandle.of(pid).stream()
                        .flatMap(handle -> pid == self
                                ? Stream.of(handle)
                                : Stream.concat(Stream.of(handle), handle.descendants()))
                        .map(process -> process.info().totalCpuDuration().orElse(Duration.ZERO))
                        .reduce(Duration.ZERO, Duration::plus)));
        return parts;
    }

    /** CPU used so far by the JIT compiler threads of each JVM part of the stack (PostgreSQL has none). */
    private static Map<String, Duration> jitByPart(Map<String, Long> pids) {
        Map<String, Duration> parts = new LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            Duration jit = CompilerThreadsCpu.of(pid);
            if (!jit.isZero()) {
                parts.put(name, jit);
            }
        });
        return parts;
    }

    /** Polls the dev mailbox until it holds {@code total} emails, for at most five minutes. */
    private static void awaitArrivals(MailboxArrivals mailbox, long total) throws Exception {
        Instant giveUp = Instant.now().plusSeconds(300);
        while (mailbox.total() < total && Instant.now().isBefore(giveUp)) {
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    /** What one round of sending gave. */
    private record Phase(
            long accepted, double seconds, Map<Integer, LongAdder> outcomes, Latencies latencies, Timeline timeline) {

        /** Events accepted in each second of the phase. */
        Timeline acceptedPerSecond() {
            return timeline;
        }
    }

    /** Prints each part's CPU between the two readings, in all and per email, in {@code format}. */
    private static void printPerEmail(
            Map<String, Duration> before, Map<String, Duration> after, int delivered, String format) {
        after.forEach((part, cpu) -> {
            double seconds = cpu.minus(before.getOrDefault(part, Duration.ZERO)).toNanos() / 1e9;
            System.out.printf(format, part, seconds, seconds * 1000 / Math.max(1, delivered));
        });
    }

    /** Sends events with a fixed number of concurrent clients, one per trigger or {@code bulk} per request. */
    private record Sender(URI trigger, Map<String, String> auth, int concurrency, int bulk, int addresses) {

        Phase send(String prefix, int count) throws InterruptedException {
            Map<Integer, LongAdder> outcomes = new ConcurrentHashMap<>();
            Latencies latencies = new Latencies();
            Timeline timeline = new Timeline();
            LongAdder acceptedEvents = new LongAdder();
            KeepAliveHttp http = new KeepAliveHttp();
            ExecutorService clients = Executors.newFixedThreadPool(concurrency);
            long begin = System.nanoTime();
            for (int first = 0; first < count; first += bulk) {
                int from = first;
                int to = Math.min(count, first + bulk);
                clients.execute(() -> {
                    List<Map<String, Object>> events = new ArrayList<>();
                    for (int n = from; n < to; n++) {
                        events.add(event(prefix + "-" + n, prefix + "-" + (n % addresses)));
                    }
                    Object body = bulk > 1 ? Map.of("events", events) : events.get(0);
                    long start = System.nanoTime();
                    try {
                        KeepAliveHttp.Response response = http.postJson(trigger, body, auth);
                        outcomes.computeIfAbsent(response.statusCode(), c -> new LongAdder())
                                .increment();
                        if (response.statusCode() == 201) {
                            acceptedEvents.add(events.size());
                            Duration since = Duration.ofNanos(System.nanoTime() - begin);
                            for (int n = 0; n < events.size(); n++) {
                                timeline.record(since);
                            }
                        }
                    } catch (Exception e) {
                        outcomes.computeIfAbsent(-1, c -> new LongAdder()).increment();
                    }
                    latencies.record(Duration.ofNanos(System.nanoTime() - start));
                });
            }
            clients.shutdown();
            clients.awaitTermination(10, TimeUnit.MINUTES);
            http.close();
            return new Phase(acceptedEvents.sum(), (System.nanoTime() - begin) / 1e9, outcomes, latencies, timeline);
        }
    }

    private static Map<String, Object> event(String subscriber, String mailbox) {
        return Map.of(
                "name",
                "email-verification",
                "to",
                Map.of(
                        "subscriberId",
                        subscriber,
                        "email",
                        mailbox + "@example.com",
                        "firstName",
                        "Bench",
                        "lastName",
                        "Client"),
                "payload",
                Map.of(
                        "verificationLink",
                        "http://127.0.0.1:8080/verify-email?token=" + subscriber,
                        "expiresAt",
                        Instant.now().plusSeconds(3600).toString()),
                "transactionId",
                subscriber);
    }
}
