package com.gopherpay.benchmarks;

import com.gopherpay.localstack.LocalStack;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
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
        int cores = Runtime.getRuntime().availableProcessors();

        double hashMillis = Argon2Probe.medianHashMillis(21);
        double hashBound = cores * 1000.0 / hashMillis;
        System.out.printf(
                "single Argon2id hash (m=%d KiB, t=%d, p=%d): %.1f ms -> hash bound %.1f registrations/s on %d cores%n",
                Argon2Probe.MEMORY_KIB, Argon2Probe.ITERATIONS, Argon2Probe.PARALLELISM, hashMillis, hashBound, cores);

        try (LocalStack stack = StackRunner.start(StackRunner.UNLIMITED_RATE)) {
            long identityPid = stack.processIds().get("identity-service");
            URI register = stack.identityUrl().resolve("/auth/register");
            load(register, concurrency, warmup, new Latencies(), new ConcurrentHashMap<>());

            Duration cpuBefore = ProcessStats.cpu(identityPid);
            Latencies latencies = new Latencies();
            Map<Integer, LongAdder> outcomes = new ConcurrentHashMap<>();
            long begin = System.nanoTime();
            load(register, concurrency, duration, latencies, outcomes);
            double seconds = (System.nanoTime() - begin) / 1e9;
            Duration cpu = ProcessStats.cpu(identityPid).minus(cpuBefore);

            long created = outcomes.getOrDefault(201, new LongAdder()).sum();
            double throughput = created / seconds;
            double cpuPerRegistration = cpu.toNanos() / 1e6 / Math.max(1, created);
            System.out.printf("concurrency %d for %.0f s: outcomes %s%n", concurrency, seconds, outcomes);
            System.out.printf(
                    "throughput %.1f registrations/s (%.0f%% of the hash bound)%n",
                    throughput, 100 * throughput / hashBound);
            System.out.printf("latency %s%n", latencies.summary());
            System.out.printf(
                    "identity-service CPU %.1f s = %.1f ms per registration, of which non-hash %.1f ms%n",
                    cpu.toMillis() / 1000.0, cpuPerRegistration, cpuPerRegistration - hashMillis);
        }
    }

    private static void load(
            URI register, int concurrency, Duration duration, Latencies latencies, Map<Integer, LongAdder> outcomes)
            throws InterruptedException {
        Http http = new Http();
        long deadline = System.nanoTime() + duration.toNanos();
        CountDownLatch done = new CountDownLatch(concurrency);
        for (int i = 0; i < concurrency; i++) {
            new Thread(
                            () -> {
                                try {
                                    while (System.nanoTime() < deadline) {
                                        String id = UUID.randomUUID().toString();
                                        String password = "Bench-" + id.substring(0, 18);
                                        long start = System.nanoTime();
                                        HttpResponse<String> response = http.postJson(
                                                register,
                                                Map.of(
                                                        "email",
                                                        "bench-" + id + "@example.com",
                                                        "password",
                                                        password,
                                                        "confirmPassword",
                                                        password,
                                                        "fullName",
                                                        "Bench Client"),
                                                Map.of());
                                        latencies.record(Duration.ofNanos(System.nanoTime() - start));
                                        outcomes.computeIfAbsent(response.statusCode(), code -> new LongAdder())
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
