package com.gopherpay.benchmarks;

import com.gopherpay.localstack.LocalStack;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Open-loop registrations at a fixed rate; for each, the time from its {@code 201 Created} to the moment the SMTP
 * server accepted its verification email, after a warm-up that is not measured. Start time and memory are the
 * {@code footprint} benchmark's.
 */
final class EndToEndLatencyBenchmark implements Benchmarks.Benchmark {

    @Override
    public void run(Options options) throws Exception {
        double rate = options.integer("rate", 5);
        Duration duration = options.duration("duration", Duration.ofSeconds(30));
        Duration warmup = options.duration("warmup", Duration.ofSeconds(10));

        try (LocalStack stack = StackRunner.start(StackRunner.UNLIMITED_RATE)) {
            Map<String, Instant> created = new ConcurrentHashMap<>();
            LongAdder failures = new LongAdder();
            LongAdder warmedUp = new LongAdder();
            Registrations registrations = new Registrations(stack.identityUrl(), "e2e");
            ExecutorService clients = Executors.newFixedThreadPool(32);
            long intervalNanos = (long) (1e9 / rate);
            long start = System.nanoTime();
            // Registrations during the warm-up go through the whole pipeline too (JIT, connections, metadata), but
            // only those after it are measured.
            long measuredFrom = start + warmup.toNanos();
            long end = measuredFrom + duration.toNanos();
            for (long next = start; next < end; next += intervalNanos) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait); // pacing the open-loop load generator, not waiting for a result
                }
                boolean measured = next >= measuredFrom;
                clients.execute(() -> {
                    String email = registrations.nextEmail();
                    try {
                        if (registrations.register(email) != 201) {
                            failures.increment();
                        } else if (measured) {
                            created.put(email, Instant.now());
                        } else {
                            warmedUp.increment();
                        }
                    } catch (Exception e) {
                        failures.increment();
                    }
                });
            }
            clients.shutdown();
            clients.awaitTermination(5, TimeUnit.MINUTES);

            MailboxArrivals mailbox = new MailboxArrivals(stack.mailboxUrl());
            Instant giveUp = Instant.now().plusSeconds(120);
            Map<String, Instant> arrivals = mailbox.byRecipient();
            while (!arrivals.keySet().containsAll(created.keySet())
                    && Instant.now().isBefore(giveUp)) {
                TimeUnit.MILLISECONDS.sleep(500); // polling the mailbox until the last email has arrived
                arrivals = mailbox.byRecipient();
            }
            Latencies latencies = new Latencies();
            int missing = 0;
            for (Map.Entry<String, Instant> registration : created.entrySet()) {
                Instant arrived = arrivals.get(registration.getKey());
                if (arrived == null) {
                    missing++;
                } else {
                    latencies.record(Duration.between(registration.getValue(), arrived));
                }
            }
            System.out.printf(
                    "rate %.1f/s for %d s after %d s of warm-up (%d registrations): %d registered, %d failed, "
                            + "%d emails missing after 120 s%n",
                    rate,
                    duration.toSeconds(),
                    warmup.toSeconds(),
                    warmedUp.sum(),
                    created.size(),
                    failures.sum(),
                    missing);
            System.out.printf("201 Created -> email accepted by SMTP: %s%n", latencies.summary());
        }
    }
}
