package com.gopherpay.benchmarks;

import com.gopherpay.localstack.LocalStack;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** The measured closed-loop window with the CPU each part of the stack used and the service's peak RSS. */
record SaturationWindow(
        LoadWindow load,
        Map<String, Duration> cpuByPart,
        OptionalDouble hashCpuSeconds,
        long rssBeforeMiB,
        long peakRssMiB) {

    static SaturationWindow measure(
            LocalStack stack, String downstream, Operation register, int concurrency, Duration duration, String hasher)
            throws Exception {
        // Metrics are on the loopback management port, not the public one.
        Prometheus prometheus = new Prometheus(stack.identityManagementUrl());
        System.out.printf(
                "identity-service hashes with %s%n",
                prometheus
                        .label("identity_password_hash_implementation", "implementation")
                        .orElse("(not published)"));
        Map<String, Long> pids = stack.processIds();
        long identityPid = pids.get("identity-service");
        String self = downstream.equals("absent")
                ? "this JVM (Kafka broker, load generator)"
                : "this JVM (Kafka broker, load generator, SMTP, dev mailbox)";
        OptionalDouble hashCpuBefore = prometheus.sum(RegistrationBenchmark.HASH_CPU_METRIC);
        ProcessCpu cpuBefore = ProcessCpu.snapshot(pids, self);
        long rssBefore = ProcessStats.residentMiB(identityPid);
        // Native Argon2id allocates off the heap: the service's resident memory under saturation shows whether
        // the hashing slots bound it.
        AtomicLong rssPeak = new AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(
                () -> rssPeak.accumulateAndGet(ProcessStats.residentMiB(identityPid), Math::max),
                0,
                250,
                TimeUnit.MILLISECONDS);
        LoadWindow load;
        try {
            load = ClosedLoop.run(hasher + " saturation", register, 201, concurrency, duration);
        } finally {
            sampler.shutdownNow();
        }
        Map<String, Duration> cpu = ProcessCpu.snapshot(pids, self).since(cpuBefore);
        OptionalDouble hashCpuAfter = prometheus.sum(RegistrationBenchmark.HASH_CPU_METRIC);
        OptionalDouble hashCpu = hashCpuBefore.isPresent() && hashCpuAfter.isPresent()
                ? OptionalDouble.of(hashCpuAfter.getAsDouble() - hashCpuBefore.getAsDouble())
                : OptionalDouble.empty();
        return new SaturationWindow(load, cpu, hashCpu, rssBefore, rssPeak.get());
    }

    void print(int concurrency, int cores) {
        double seconds = load.seconds();
        double perRegistration = 1000.0 / Math.max(1, load.succeeded());
        System.out.printf("concurrency %d for %.0f s: outcomes %s%n", concurrency, seconds, load.outcomes());
        System.out.printf("throughput %.1f registrations/s%n", load.throughput());
        System.out.printf("latency %s%n", load.latencies().summary());

        double serviceCpu = seconds(cpuByPart.get("identity-service"));
        if (hashCpuSeconds.isPresent()) {
            double hash = hashCpuSeconds.getAsDouble();
            System.out.printf(
                    "identity-service CPU %.1f s = %.2f ms per registration, of which Argon2id %.2f ms and "
                            + "non-hash %.2f ms (hash CPU measured in the service by %s)%n",
                    serviceCpu,
                    serviceCpu * perRegistration,
                    hash * perRegistration,
                    (serviceCpu - hash) * perRegistration,
                    RegistrationBenchmark.HASH_CPU_METRIC);
        } else {
            System.out.printf(
                    "identity-service CPU %.1f s = %.2f ms per registration; non-hash CPU unknown: the service "
                            + "does not publish %s%n",
                    serviceCpu, serviceCpu * perRegistration, RegistrationBenchmark.HASH_CPU_METRIC);
        }

        System.out.printf("CPU during the window (%d cores = %.0f core-seconds):%n", cores, cores * seconds);
        double total = 0;
        for (Map.Entry<String, Duration> part : cpuByPart.entrySet()) {
            double used = seconds(part.getValue());
            total += used;
            System.out.printf(
                    "  %-58s %6.1f s = %4.2f cores, %5.2f ms per registration%n",
                    part.getKey(), used, used / seconds, used * perRegistration);
        }
        double rest = cores * seconds - total;
        System.out.printf("  %-58s %6.1f s = %4.2f cores%n", "other processes and idle", rest, rest / seconds);
        System.out.printf(
                "identity-service RSS under saturation: %d MiB before the window, peak %d MiB during it%n",
                rssBeforeMiB, peakRssMiB);
    }

    private static double seconds(Duration cpu) {
        return cpu == null ? 0 : cpu.toNanos() / 1e9;
    }
}
