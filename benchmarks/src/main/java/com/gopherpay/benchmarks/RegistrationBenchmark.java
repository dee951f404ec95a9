package com.gopherpay.benchmarks;

import com.gopherpay.localstack.LocalStack;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

/**
 * Closed-loop registrations: N clients, each sending the next registration as soon as the last one answered, with
 * unique emails. Compares the throughput with the hash bound, cores ÷ single-hash time, measured in the same run.
 */
final class RegistrationBenchmark implements Benchmarks.Benchmark {

    @Override
    public void run(Options options) throws Exception {
        int concurrency = options.integer("concurrency", 4);
        Duration duration = options.duration("duration", Duration.ofSeconds(30));
        Duration warmup = options.duration("warmup", Duration.ofSeconds(10));
        boolean downstream = options.string("downstream", "paused").equals("running");
        int cores = Runtime.getRuntime().availableProcessors();

        double hashMillis = Argon2Probe.medianHashMillis(21);
        double hashBound = cores * 1000.0 / hashMillis;
        System.out.printf(
                "single Argon2id hash (m=%d KiB, t=%d, p=%d): %.1f ms -> hash bound %.1f registrations/s on %d cores%n",
                Argon2Probe.MEMORY_KIB, Argon2Probe.ITERATIONS, Argon2Probe.PARALLELISM, hashMillis, hashBound, cores);

        double parallelBound = Argon2Probe.parallelHashesPerSecond(cores, Duration.ofSeconds(10));
        System.out.printf(
                "measured parallel hash bound: %.1f hashes/s with %d threads hashing at once (%.0f%% of the ideal)%n",
                parallelBound, cores, 100 * parallelBound / hashBound);

        try (LocalStack stack = StackRunner.start(StackRunner.UNLIMITED_RATE)) {
            long identityPid = stack.processIds().get("identity-service");
            URI identityUrl = stack.identityUrl();
            if (!downstream) {
                // Measures the identity service's own capacity: the connector is paused, so records wait in Kafka
                // and Connect, notification-service and SMTP do not compete for the same cores.
                URI pause = stack.connectUrl().resolve("/connectors/email-verification-novu-sink/pause");
                System.out.printf("downstream paused (Connect PUT pause: HTTP %d)%n", new Http().put(pause));
            }
            load(identityUrl, concurrency, warmup, new Latencies(), new ConcurrentHashMap<>());

            Duration cpuBefore = ProcessStats.cpu(identityPid);
            Latencies latencies = new Latencies();
            Map<Integer, LongAdder> outcomes = new ConcurrentHashMap<>();
            long begin = System.nanoTime();
            load(identityUrl, concurrency, duration, latencies, outcomes);
            double seconds = (System.nanoTime() - begin) / 1e9;
            Duration cpu = ProcessStats.cpu(identityPid).minus(cpuBefore);

            long created = outcomes.getOrDefault(201, new LongAdder()).sum();
            double throughput = created / seconds;
            double cpuPerRegistration = cpu.toNanos() / 1e6 / Math.max(1, created);
            System.out.printf("concurrency %d for %.0f s: outcomes %s%n", concurrency, seconds, outcomes);
            System.out.printf(
                    "throughput %.1f registrations/s (%.0f%% of the hash bound, %.0f%% of the measured parallel bound)%n",
                    throughput, 100 * throughput / hashBound, 100 * throughput / parallelBound);
            System.out.printf("latency %s%n", latencies.summary());
            System.out.printf(
                    "identity-service CPU %.1f s = %.1f ms per registration, of which non-hash %.1f ms%n",
                    cpu.toMillis() / 1000.0, cpuPerRegistration, cpuPerRegistration - hashMillis);
        }
    }

    private static void load(
            URI identityUrl, int concurrency, Duration duration, Latencies latencies, Map<Integer, LongAdder> outcomes)
            throws InterruptedException {
        Registrations registrations = new Registrations(identityUrl, "bench");
        long deadline = System.nanoTime() + duration.toNanos();
        CountDownLatch done = new CountDownLatch(concurrency);
        for (int i = 0; i < concurrency; i++) {
            new Thread(
                            () -> {
                                try {
                                    while (System.nanoTime() < deadline) {
                                        long start = System.nanoTime();
                                        int status = registrations.register(registrations.nextEmail());
                                        latencies.record(Duration.ofNanos(System.nanoTime() - start));
                                        outcomes.computeIfAbsent(status, code -> new LongAdder())
                                                .increment();
                                    }
                                } catch (Exception e) {
                                    outcomes.computeIfAbsent(-1, code -> new LongAdder())
                                            .increment();
                                } finally {
                                    done.countDown();
                                }
                            },
                            "client-" + i)
                    .start();
        }
        done.await();
    }
}
