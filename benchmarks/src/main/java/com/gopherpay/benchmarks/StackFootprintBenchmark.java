package com.gopherpay.benchmarks;

import com.gopherpay.benchmarks.chart.BarChart;
import com.gopherpay.embedded.FreePorts;
import com.gopherpay.localstack.StackLayout;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stack as a user runs it ({@code java -jar local-stack/target/local-stack.jar --fresh}, in its own process tree):
 * time from launch to the ready banner, and the memory of the whole tree — the launcher with PostgreSQL, Kafka and
 * SMTP, the Connect worker, both services and PostgreSQL's backends — at rest and after registrations at a light
 * rate.
 */
final class StackFootprintBenchmark implements Benchmarks.Benchmark {

    private static final String READY = "GopherPay Identity is running";
    private static final Pattern METRICS = Pattern.compile("(http://\\S+)/actuator/prometheus");

    @Override
    public void run(Options options, Results results) throws Exception {
        int rate = options.integer("rate", 5);
        Duration duration = options.duration("duration", Duration.ofSeconds(30));
        Path jar = StackLayout.defaultStackDirectory().getParent().resolve("local-stack.jar");
        Path data = Files.createTempDirectory("gopherpay-footprint");
        int identityPort = FreePorts.next();
        Map<String, String> env = new HashMap<>(Map.of(
                "GOPHERPAY_DATA_DIR", data.toString(),
                "IDENTITY_PORT", String.valueOf(identityPort),
                "NOTIFICATION_PORT", String.valueOf(FreePorts.next()),
                "KAFKA_PORT", String.valueOf(FreePorts.next()),
                "CONNECT_PORT", String.valueOf(FreePorts.next()),
                "SMTP_PORT", String.valueOf(FreePorts.next()),
                "MAILBOX_PORT", String.valueOf(FreePorts.next()),
                // One load-generating address: the per-client limit would answer 429 instead of registering.
                "IDENTITY_RATELIMIT_ENABLED", "false"));
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        jar.toString(),
                        "--fresh")
                .redirectErrorStream(true);
        builder.environment().putAll(env);

        long launched = System.nanoTime();
        Process stack = builder.start();
        try {
            CompletableFuture<URI> metrics = new CompletableFuture<>();
            awaitBanner(stack, Duration.ofMinutes(3), metrics);
            double readySeconds = (System.nanoTime() - launched) / 1e9;
            String hasher = hasherLine(metrics);
            System.out.println(hasher);
            System.out.printf("cold start (java -jar … --fresh) to ready banner: %.1f s%n", readySeconds);
            Map<String, Long> atRest = report("at rest", stack, data);

            Registrations registrations =
                    new Registrations(URI.create("http://127.0.0.1:" + identityPort), "footprint");
            LongAdder created = new LongAdder();
            List<CompletableFuture<Void>> sent = new ArrayList<>();
            long intervalNanos = 1_000_000_000L / rate;
            long end = System.nanoTime() + duration.toNanos();
            for (long next = System.nanoTime(); next < end; next += intervalNanos) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait); // pacing the open-loop load generator
                }
                sent.add(CompletableFuture.runAsync(() -> {
                    try {
                        if (registrations.register(registrations.nextEmail()) == 201) {
                            created.increment();
                        }
                    } catch (Exception e) {
                        // counted as not created
                    }
                }));
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
            System.out.printf("%d of %d registrations created at %d/s%n", created.sum(), sent.size(), rate);
            String loaded = "after " + duration.toSeconds() + " s of registrations";
            Map<String, Long> afterLoad = report(loaded, stack, data);
            BarChart chart = new BarChart(
                    "Proportional memory (Pss) of the stack, at rest and " + loaded,
                    results.subtitle(
                            hasher,
                            String.format(
                                    "footprint: java -jar local-stack.jar --fresh, ready in %.1f s, then %d"
                                            + " registrations/s",
                                    readySeconds, rate)),
                    List.copyOf(atRest.keySet()),
                    "process",
                    "MiB (Pss)");
            chart.add("at rest", atRest.values().stream().map(Long::doubleValue).toList());
            chart.add(
                    loaded,
                    atRest.keySet().stream()
                            .map(part -> afterLoad.getOrDefault(part, 0L).doubleValue())
                            .toList());
            results.chart("footprint-memory.svg", chart);
        } finally {
            stack.destroy(); // SIGTERM, as Ctrl-C: the stack stops every part
            if (!stack.waitFor(90, TimeUnit.SECONDS)) {
                stack.descendants().forEach(ProcessHandle::destroyForcibly);
                stack.destroyForcibly();
            }
        }
    }

    /** Prints the memory of every part and returns each part's Pss in MiB, the total last. */
    private static Map<String, Long> report(String when, Process stack, Path data) {
        Map<String, Long> parts = new LinkedHashMap<>();
        // pg_ctl daemonises PostgreSQL, so it is not a descendant of the launcher: find it by its pid file.
        long postgresPid = postmasterPid(data.resolve("postgres"));
        long postgres = postgresPid > 0 ? ProcessStats.proportionalMiBWithDescendants(postgresPid) : 0;
        long pss = ProcessStats.proportionalMiBWithDescendants(stack.pid()) + postgres;
        long rss = ProcessStats.residentMiBWithDescendants(
                postgresPid > 0 ? List.of(stack.pid(), postgresPid) : List.of(stack.pid()));
        System.out.printf(
                "memory %s: %d MiB proportional (Pss) in all; %d MiB if each process's RSS is added%n", when, pss, rss);
        stack.descendants()
                .filter(child -> child.info().command().orElse("").endsWith("java"))
                .sorted(Comparator.comparing(child -> child.info()
                        .arguments()
                        .map(StackFootprintBenchmark::describe)
                        .orElse("java")))
                .forEach(child -> parts.merge(
                        child.info()
                                .arguments()
                                .map(StackFootprintBenchmark::describe)
                                .orElse("java"),
                        ProcessStats.proportionalMiB(child.pid()),
                        Long::sum));
        parts.put("PostgreSQL (all)", postgres);
        parts.put("launcher (Kafka, SMTP)", ProcessStats.proportionalMiB(stack.pid()));
        parts.forEach((part, mib) -> System.out.printf("  %-22s %4d MiB Pss%n", part, mib));
        parts.put("total", pss);
        return parts;
    }

    private static long postmasterPid(Path dataDirectory) {
        try {
            return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid"))
                    .get(0)
                    .strip());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String describe(String[] arguments) {
        String joined = String.join(" ", arguments);
        if (joined.contains("identity-service")) {
            return "identity-service";
        }
        if (joined.contains("notification-service")) {
            return "notification-service";
        }
        if (joined.contains("ConnectStandalone")) {
            return "Kafka Connect";
        }
        return "java";
    }

    /**
     * Reads the stack's output on a daemon thread, to the end, so it never blocks on a full pipe; completes
     * {@code metrics} with the identity metrics address of the ready banner.
     */
    private static void awaitBanner(Process stack, Duration timeout, CompletableFuture<URI> metrics) throws Exception {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader out =
                            new BufferedReader(new InputStreamReader(stack.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line; (line = out.readLine()) != null; ) {
                            if (line.contains(READY)) {
                                ready.complete(null);
                            }
                            Matcher address = METRICS.matcher(line);
                            if (line.contains("Identity metrics") && address.find()) {
                                metrics.complete(URI.create(address.group(1)));
                            }
                        }
                    } catch (IOException e) {
                        // the stack's output ended
                    }
                    ready.completeExceptionally(new IllegalStateException("The stack exited before it was ready"));
                    metrics.completeExceptionally(new IllegalStateException("No identity metrics address printed"));
                },
                "stack-output");
        reader.setDaemon(true);
        reader.start();
        ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The Argon2id line of the identity-service the stack started, from its metrics, or what is known without them. */
    private static String hasherLine(CompletableFuture<URI> metrics) {
        try {
            String implementation = new Prometheus(metrics.get(10, TimeUnit.SECONDS))
                    .label("identity_password_hash_implementation", "implementation")
                    .orElse("auto");
            return MachineInfo.hasher(implementation);
        } catch (Exception e) {
            return MachineInfo.hasher("auto");
        }
    }
}
