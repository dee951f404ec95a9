package com.gopherpay.benchmarks;

import com.gopherpay.localstack.LocalStack;
import com.gopherpay.localstack.LocalStackOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * Closed-loop registrations: N clients, each sending the next registration as soon as the last one answered, with
 * unique emails. Compares the throughput with the hash bound, cores ÷ single-hash time, probed in this JVM before the
 * stack starts and again after it stopped, and splits the identity service's CPU per registration into the Argon2id
 * CPU the service measures itself ({@code identity_password_hash_cpu_seconds_total}) and the rest. With
 * {@code --hasher both} (the default) it does all that once with the service hashing by Bouncy Castle and once by the
 * native reference implementation, and prints the two ratios issue #14 sets targets for.
 */
final class RegistrationBenchmark implements Benchmarks.Benchmark {

    private static final String HASH_CPU_METRIC = "identity_password_hash_cpu_seconds_total";
    private static final List<String> DOWNSTREAM = List.of("absent", "paused", "running");
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private static final List<String> HASHERS = List.of("java", "native", "both");

    @Override
    public void run(Options options) throws Exception {
        int concurrency = options.integer("concurrency", 4);
        Duration duration = options.duration("duration", Duration.ofSeconds(60));
        // At ~60 registrations/s the request path runs too rarely for C2 to finish compiling it within a minute: a
        // profile 55-85 s into the load still showed C2 threads using 0.29 cores, counted as non-hash CPU.
        Duration warmup = options.duration("warmup", Duration.ofSeconds(180));
        String downstream = options.string("downstream", "absent");
        if (!DOWNSTREAM.contains(downstream)) {
            throw new IllegalArgumentException("--downstream must be one of " + DOWNSTREAM + ", got " + downstream);
        }
        String hasher = options.string("hasher", "both");
        if (!HASHERS.contains(hasher)) {
            throw new IllegalArgumentException("--hasher must be one of " + HASHERS + ", got " + hasher);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        List<String> runs = hasher.equals("both") ? List.of("java", "native") : List.of(hasher);
        Map<String, Result> results = new LinkedHashMap<>();
        for (String run : runs) {
            System.out.printf("%n=== --hasher %s (identity.password.implementation=%s) ===%n", run, run);
            results.put(run, runOne(run, concurrency, duration, warmup, downstream, cores));
        }
        if (results.size() == 2) {
            Result java = results.get("java");
            Result nativeRun = results.get("native");
            double hashGain = java.bound().singleMillis() / nativeRun.bound().singleMillis();
            double throughputGain = nativeRun.throughput() / java.throughput();
            System.out.printf(
                    "%njava vs native in this run: single hash %.1f ms vs %.1f ms = %.2fx; registrations %.1f/s vs"
                            + " %.1f/s = %.2fx%n",
                    java.bound().singleMillis(),
                    nativeRun.bound().singleMillis(),
                    hashGain,
                    java.throughput(),
                    nativeRun.throughput(),
                    throughputGain);
            System.out.printf(
                    "RATIO throughput gain / single-hash gain = %.0f%% (target >= 90%%)%n",
                    100 * throughputGain / hashGain);
            System.out.printf(
                    "RATIO native registrations/s / native hash bound (%d cores / %.1f ms = %.1f/s) = %.0f%% (target"
                            + " >= 85%%)%n",
                    cores,
                    nativeRun.bound().singleMillis(),
                    nativeRun.bound().bound(),
                    100 * nativeRun.throughput() / nativeRun.bound().bound());
        }
    }

    /** What one hasher's run gave: its registrations/s, the hash bound probed with it, the service's peak RSS. */
    private record Result(double throughput, HashBound bound, long peakRssMiB) {}

    private static Result runOne(
            String hasher, int concurrency, Duration duration, Duration warmup, String downstream, int cores)
            throws Exception {
        HashBound before = HashBound.probe(hasher, cores);
        before.print("before the stack started");

        Window window;
        long peakRss;
        try (LocalStack stack = startStack(downstream, hasher)) {
            URI identityUrl = stack.identityUrl();
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
            load(identityUrl, concurrency, warmup, new Latencies(), new ConcurrentHashMap<>());

            // Metrics are on the loopback management port, not the public one.
            URI prometheus = stack.identityManagementUrl().resolve("/actuator/prometheus");
            Map<String, Long> pids = stack.processIds();
            long identityPid = pids.get("identity-service");
            OptionalDouble hashCpuBefore = counter(prometheus, HASH_CPU_METRIC);
            String self = downstream.equals("absent")
                    ? "this JVM (Kafka broker, load generator)"
                    : "this JVM (Kafka broker, load generator, SMTP, dev mailbox)";
            Map<String, Map<Long, Duration>> cpuBefore = cpuByPart(pids, self);
            Latencies latencies = new Latencies();
            Map<Integer, LongAdder> outcomes = new ConcurrentHashMap<>();
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
            long begin = System.nanoTime();
            try {
                load(identityUrl, concurrency, duration, latencies, outcomes);
            } finally {
                sampler.shutdownNow();
            }
            double seconds = (System.nanoTime() - begin) / 1e9;
            Map<String, Map<Long, Duration>> cpuAfter = cpuByPart(pids, self);
            OptionalDouble hashCpuAfter = counter(prometheus, HASH_CPU_METRIC);

            long created = outcomes.getOrDefault(201, new LongAdder()).sum();
            OptionalDouble hashCpu = hashCpuBefore.isPresent() && hashCpuAfter.isPresent()
                    ? OptionalDouble.of(hashCpuAfter.getAsDouble() - hashCpuBefore.getAsDouble())
                    : OptionalDouble.empty();
            window = new Window(seconds, created, outcomes, latencies, cpuUsed(cpuBefore, cpuAfter), hashCpu);
            window.print(concurrency, cores);
            peakRss = rssPeak.get();
            System.out.printf(
                    "identity-service RSS under saturation (%s): %d MiB before the window, peak %d MiB during it%n",
                    hasher, rssBefore, peakRss);
        }

        HashBound after = HashBound.probe(hasher, cores);
        after.print("after the stack stopped");
        HashBound used = HashBound.mean(before, after);
        used.print("USED (mean of the probes before and after)");

        double throughput = window.created() / window.seconds();
        System.out.printf(
                "throughput %.1f registrations/s = %.0f%% of the hash bound (%.1f/s), %.0f%% of the measured parallel "
                        + "bound (%.1f/s)%n",
                throughput,
                100 * throughput / used.bound(),
                used.bound(),
                100 * throughput / used.parallelPerSecond(),
                used.parallelPerSecond());
        if (window.hashCpuSeconds().isPresent()) {
            double hashMillis = window.hashCpuSeconds().getAsDouble() * 1000 / Math.max(1, window.created());
            System.out.printf(
                    "in-service hash CPU %.1f ms per registration vs the quiet probe's single hash %.1f ms (%+.0f%%)%n",
                    hashMillis, used.singleMillis(), 100 * (hashMillis / used.singleMillis() - 1));
        }
        return new Result(throughput, used, peakRss);
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

    /**
     * The single-hash median of this JVM with the stack not running, the hash bound it gives ({@code cores} ÷ that
     * time), and the hash rate measured with {@code cores} threads hashing at once.
     */
    private record HashBound(String hasher, int cores, double singleMillis, double parallelPerSecond) {

        static HashBound probe(String hasher, int cores) throws InterruptedException {
            return new HashBound(
                    hasher,
                    cores,
                    Argon2Probe.medianHashMillis(hasher, 21),
                    Argon2Probe.parallelHashesPerSecond(hasher, cores, Duration.ofSeconds(10)));
        }

        /** The probe is noisy on a shared VM: the mean single-hash time and parallel rate of two probes. */
        static HashBound mean(HashBound a, HashBound b) {
            return new HashBound(
                    a.hasher,
                    a.cores,
                    (a.singleMillis + b.singleMillis) / 2,
                    (a.parallelPerSecond + b.parallelPerSecond) / 2);
        }

        double bound() {
            return cores * 1000.0 / singleMillis;
        }

        void print(String which) {
            System.out.printf(
                    "hash bound %s: single %s Argon2id hash (m=%d KiB, t=%d, p=%d) %.1f ms -> %.1f hashes/s on %d cores;"
                            + " measured parallel bound %.1f hashes/s with %d threads (%.0f%% of that)%n",
                    which,
                    hasher,
                    Argon2Probe.MEMORY_KIB,
                    Argon2Probe.ITERATIONS,
                    Argon2Probe.PARALLELISM,
                    singleMillis,
                    bound(),
                    cores,
                    parallelPerSecond,
                    cores,
                    100 * parallelPerSecond / bound());
        }
    }

    /** What the measured window gave. */
    private record Window(
            double seconds,
            long created,
            Map<Integer, LongAdder> outcomes,
            Latencies latencies,
            Map<String, Duration> cpuByPart,
            OptionalDouble hashCpuSeconds) {

        void print(int concurrency, int cores) {
            double perRegistration = 1000.0 / Math.max(1, created);
            System.out.printf("concurrency %d for %.0f s: outcomes %s%n", concurrency, seconds, outcomes);
            System.out.printf("throughput %.1f registrations/s%n", created / seconds);
            System.out.printf("latency %s%n", latencies.summary());

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
                        HASH_CPU_METRIC);
            } else {
                System.out.printf(
                        "identity-service CPU %.1f s = %.2f ms per registration; non-hash CPU unknown: the service "
                                + "does not publish %s%n",
                        serviceCpu, serviceCpu * perRegistration, HASH_CPU_METRIC);
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
        }

        private static double seconds(Duration cpu) {
            return cpu == null ? 0 : cpu.toNanos() / 1e9;
        }
    }

    /**
     * CPU time of each started part by process id: this JVM on its own (its children are the other parts), every
     * other part with its descendants (PostgreSQL's backends are children of the postmaster).
     */
    private static Map<String, Map<Long, Duration>> cpuByPart(Map<String, Long> pids, String selfName) {
        long self = ProcessHandle.current().pid();
        Map<String, Map<Long, Duration>> parts = new LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            Map<Long, Duration> byPid = new HashMap<>();
            ProcessHandle.of(pid).ifPresent(handle -> {
                Stream<ProcessHandle> processes =
                        pid == self ? Stream.of(handle) : Stream.concat(Stream.of(handle), handle.descendants());
                processes.forEach(
                        process -> process.info().totalCpuDuration().ifPresent(cpu -> byPid.put(process.pid(), cpu)));
            });
            parts.put(pid == self ? selfName : name, byPid);
        });
        return parts;
    }

    /**
     * CPU each part used between the two snapshots: processes that started in between count whole, processes that
     * ended in between (none expected: the connection pools keep their backends) are lost.
     */
    private static Map<String, Duration> cpuUsed(
            Map<String, Map<Long, Duration>> before, Map<String, Map<Long, Duration>> after) {
        Map<String, Duration> used = new LinkedHashMap<>();
        after.forEach((part, byPid) -> {
            Map<Long, Duration> earlier = before.getOrDefault(part, Map.of());
            Duration sum = Duration.ZERO;
            for (Map.Entry<Long, Duration> process : byPid.entrySet()) {
                sum = sum.plus(process.getValue().minus(earlier.getOrDefault(process.getKey(), Duration.ZERO)));
            }
            used.put(part, sum);
        });
        return used;
    }

    /** The sum of a Prometheus counter's samples (over any labels), or empty when the endpoint does not have it. */
    private static OptionalDouble counter(URI prometheus, String name) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(prometheus)
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + prometheus + ": HTTP " + response.statusCode());
        }
        boolean found = false;
        double sum = 0;
        for (String line : response.body().split("\n")) {
            // name value [timestamp], or name{labels} value [timestamp]
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                String rest = line.startsWith(name + "{")
                        ? line.substring(line.lastIndexOf('}') + 1)
                        : line.substring(name.length());
                sum += Double.parseDouble(rest.trim().split("\\s+")[0]);
                found = true;
            }
        }
        return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
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
