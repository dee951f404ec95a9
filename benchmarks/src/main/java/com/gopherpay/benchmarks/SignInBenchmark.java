package com.gopherpay.benchmarks;

import com.gopherpay.localstack.LocalStack;
import com.gopherpay.localstack.LocalStackOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Closed-loop sign-ins at saturation, next to registrations in the same stack: N clients, each signing in again as
 * soon as its last sign-in answered, round robin over a pool of verified accounts (a successful sign-in resets the
 * account's throttle, so the pool is never throttled; the per-client limits are off). Sign-in is hash-bound like
 * registration (one Argon2id check, then a session row and an ES256 signature), so both are compared with the hash
 * bound, cores ÷ single-hash time, probed in this JVM before the stack starts and after it stopped. With
 * {@code --hasher both} (the default) it runs once per hasher and prints issue #14's two ratios for each operation.
 */
final class SignInBenchmark implements Benchmarks.Benchmark {

    private static final List<String> HASHERS = List.of("java", "native", "both");

    @Override
    public void run(Options options, Results results) throws Exception {
        int concurrency = options.integer("concurrency", 4);
        Duration duration = options.duration("duration", Duration.ofSeconds(60));
        Duration warmup = options.duration("warmup", Duration.ofSeconds(60));
        int accounts = options.integer("accounts", 64);
        String hasher = options.string("hasher", "both");
        if (!HASHERS.contains(hasher)) {
            throw new IllegalArgumentException("--hasher must be one of " + HASHERS + ", got " + hasher);
        }
        int cores = Runtime.getRuntime().availableProcessors();

        Map<String, Result> byHasher = new LinkedHashMap<>();
        List<String> hashers = hasher.equals("both") ? List.of("java", "native") : List.of(hasher);
        System.out.println(MachineInfo.hashers(hashers));
        for (String run : hashers) {
            System.out.printf("%n=== --hasher %s (identity.password.implementation=%s) ===%n", run, run);
            byHasher.put(run, runOne(run, concurrency, duration, warmup, accounts, cores));
        }
        String ratios = "ratios: none (one hasher)";
        if (byHasher.size() == 2) {
            Result java = byHasher.get("java");
            Result nativeRun = byHasher.get("native");
            HasherComparison signIn = new HasherComparison(
                    "sign-in",
                    java.bound(),
                    java.signIns().throughput(),
                    nativeRun.bound(),
                    nativeRun.signIns().throughput());
            HasherComparison registration = new HasherComparison(
                    "registration",
                    java.bound(),
                    java.registrations().throughput(),
                    nativeRun.bound(),
                    nativeRun.registrations().throughput());
            signIn.print();
            registration.print();
            ratios = String.format(
                    "ratios: sign-in gain / single-hash gain %.0f %%, native / native hash bound %.0f %%;"
                            + " registration %.0f %%, %.0f %%",
                    100 * signIn.gainShare(),
                    100 * signIn.nativeBoundShare(),
                    100 * registration.gainShare(),
                    100 * registration.nativeBoundShare());
        }

        List<String> subtitle = results.subtitle(
                MachineInfo.hashers(byHasher.keySet()),
                String.format(
                        "sign-in: concurrency %d, %d s per window after %d s of warm-up, %d accounts",
                        concurrency, duration.toSeconds(), warmup.toSeconds(), accounts),
                ratios);
        List<LoadWindow> windows = new ArrayList<>();
        byHasher.values().forEach(result -> {
            windows.add(result.signIns());
            windows.add(result.registrations());
        });
        results.chart(
                "sign-in-latency.svg",
                Charts.latency("Sign-in and registration latency at saturation (closed loop)", subtitle, windows));
        results.chart(
                "sign-in-throughput.svg",
                Charts.throughput("Sign-ins and registrations per second over the run", subtitle, "requests", windows));
    }

    /** What one hasher's run gave: both windows and the hash bound they are compared with. */
    private record Result(LoadWindow signIns, LoadWindow registrations, HashBound bound) {}

    private static Result runOne(
            String hasher, int concurrency, Duration duration, Duration warmup, int accounts, int cores)
            throws Exception {
        HashBound before = HashBound.probe(hasher, cores);
        before.print("before the stack started");
        LoadWindow signIns;
        LoadWindow registrationsWindow;
        LocalStackOptions stackOptions = LocalStackOptions.forTests()
                .withIdentityOnly()
                .withIdentityProperties(StackRunner.UNLIMITED_RATE)
                .withIdentityProperties(Map.of("identity.password.implementation", hasher));
        try (LocalStack stack = LocalStack.start(stackOptions)) {
            URI identity = stack.identityUrl();
            System.out.printf(
                    "identity-service hashes with %s%n",
                    new Prometheus(stack.identityManagementUrl())
                            .label("identity_password_hash_implementation", "implementation")
                            .orElse("(not published)"));
            List<String> emails = VerifiedAccounts.create(stack, accounts);
            System.out.printf("%d verified accounts ready%n", emails.size());
            AtomicInteger next = new AtomicInteger();
            KeepAliveHttp http = new KeepAliveHttp(); // as Registrations: little CPU taken from the service
            URI login = identity.resolve("/auth/login");
            Operation signIn = () -> {
                String email = emails.get(Math.floorMod(next.getAndIncrement(), emails.size()));
                return http.postJson(login, Map.of("email", email, "password", VerifiedAccounts.PASSWORD), Map.of())
                        .statusCode();
            };
            Registrations registrations = new Registrations(identity, "bench-signin");
            Operation register = () -> registrations.register(registrations.nextEmail());

            ClosedLoop.run("sign-in warm-up", signIn, 200, concurrency, warmup);
            signIns = ClosedLoop.run(hasher + " sign-in", signIn, 200, concurrency, duration);
            ClosedLoop.run("registration warm-up", register, 201, concurrency, warmup.dividedBy(2));
            registrationsWindow = ClosedLoop.run(hasher + " registration", register, 201, concurrency, duration);
        }
        HashBound after = HashBound.probe(hasher, cores);
        after.print("after the stack stopped");
        HashBound used = HashBound.mean(before, after);
        used.print("USED (mean of the probes before and after)");

        System.out.printf("%nconcurrency %d, %d cores, hash bound %.1f/s%n", concurrency, cores, used.bound());
        for (LoadWindow window : List.of(signIns, registrationsWindow)) {
            System.out.printf(
                    "%-20s %6.1f/s = %3.0f%% of the hash bound; latency %s; outcomes %s%n",
                    window.name(),
                    window.throughput(),
                    100 * window.throughput() / used.bound(),
                    window.latencies().summary(),
                    window.outcomes());
        }
        return new Result(signIns, registrationsWindow, used);
    }
}
