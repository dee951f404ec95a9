package com.gopherpay.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.gopherpay.localstack.LocalStack;
import com.gopherpay.localstack.LocalStackOptions;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Closed-loop sign-ins at saturation, next to registrations in the same stack: N clients, each signing in again as
 * soon as its last sign-in answered, round robin over a pool of verified accounts (a successful sign-in resets the
 * account's throttle, so the pool is never throttled; the per-client limits are off). Sign-in is hash-bound like
 * registration (one Argon2id check, then a session row and an ES256 signature), so both are compared with the hash
 * bound, cores ÷ single-hash time, probed in this JVM before the stack starts.
 */
final class SignInBenchmark implements Benchmarks.Benchmark {

    private static final String PASSWORD = "Kite-benchmark-sign-in-Zq";

    @Override
    public void run(Options options) throws Exception {
        int concurrency = options.integer("concurrency", 4);
        Duration duration = options.duration("duration", Duration.ofSeconds(60));
        Duration warmup = options.duration("warmup", Duration.ofSeconds(60));
        int accounts = options.integer("accounts", 64);
        String hasher = options.string("hasher", "native");
        int cores = Runtime.getRuntime().availableProcessors();

        double singleMillis = Argon2Probe.medianHashMillis(hasher, 21);
        double bound = cores * 1000.0 / singleMillis;
        System.out.printf(
                "hash bound: single %s Argon2id hash %.1f ms -> %.1f hashes/s on %d cores%n",
                hasher, singleMillis, bound, cores);

        LocalStackOptions stackOptions = LocalStackOptions.forTests()
                .withIdentityOnly()
                .withIdentityProperties(StackRunner.UNLIMITED_RATE)
                .withIdentityProperties(Map.of("identity.password.implementation", hasher));
        try (LocalStack stack = LocalStack.start(stackOptions)) {
            URI identity = stack.identityUrl();
            List<String> emails = verifiedAccounts(stack, accounts);
            System.out.printf("%d verified accounts ready%n", emails.size());
            AtomicInteger next = new AtomicInteger();
            Http http = new Http();
            URI login = identity.resolve("/auth/login");
            Operation signIn = () -> {
                String email = emails.get(Math.floorMod(next.getAndIncrement(), emails.size()));
                return http.postJson(login, Map.of("email", email, "password", PASSWORD), Map.of())
                        .statusCode();
            };
            Registrations registrations = new Registrations(identity, "bench-signin");
            Operation register = () -> registrations.register(registrations.nextEmail());

            closedLoop(signIn, concurrency, warmup, new Latencies(), new ConcurrentHashMap<>());
            Window signIns = measure("sign-in", signIn, 200, concurrency, duration);
            closedLoop(register, concurrency, warmup.dividedBy(2), new Latencies(), new ConcurrentHashMap<>());
            Window registrationsWindow = measure("registration", register, 201, concurrency, duration);

            System.out.printf("%nconcurrency %d, %d cores, hash bound %.1f/s%n", concurrency, cores, bound);
            signIns.print(bound);
            registrationsWindow.print(bound);
        }
    }

    /** Registers {@code count} accounts with {@link #PASSWORD} and confirms each with the token from its record. */
    private static List<String> verifiedAccounts(LocalStack stack, int count) throws Exception {
        Registrations registrations = new Registrations(stack.identityUrl(), "bench-account");
        Http http = new Http();
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String email = registrations.nextEmail();
            HttpResponse<String> registered = http.postJson(
                    stack.identityUrl().resolve("/auth/register"),
                    Map.of(
                            "email",
                            email,
                            "password",
                            PASSWORD,
                            "confirmPassword",
                            PASSWORD,
                            "fullName",
                            "Load Tester"),
                    Map.of());
            if (registered.statusCode() != 201) {
                throw new IllegalStateException("Registration failed: " + registered.statusCode());
            }
            emails.add(email);
        }
        int verified = 0;
        for (String token : tokens(stack.kafkaBootstrapServers(), count)) {
            int status = http.postJson(
                            stack.identityUrl().resolve("/auth/verify-email"),
                            Map.of("token", token, "password", PASSWORD),
                            Map.of())
                    .statusCode();
            if (status == 200) {
                verified++;
            }
        }
        if (verified != count) {
            throw new IllegalStateException("Only " + verified + " of " + count + " accounts could be verified");
        }
        return emails;
    }

    /** The tokens of the first {@code count} verification records on the topic. */
    private static List<String> tokens(String bootstrapServers, int count) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "sign-in-benchmark-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> tokens = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("email-verification"));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (tokens.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        JsonNode link = Http.JSON
                                .readTree(record.value())
                                .path("payload")
                                .path("verificationLink");
                        String text = link.asText();
                        tokens.add(text.substring(text.indexOf("token=") + "token=".length()));
                    } catch (Exception e) {
                        throw new IllegalStateException("Unreadable verification record", e);
                    }
                }
            }
        }
        return tokens;
    }

    private static Window measure(String name, Operation operation, int success, int concurrency, Duration duration)
            throws InterruptedException {
        Latencies latencies = new Latencies();
        Map<Integer, LongAdder> outcomes = new ConcurrentHashMap<>();
        long begin = System.nanoTime();
        closedLoop(operation, concurrency, duration, latencies, outcomes);
        double seconds = (System.nanoTime() - begin) / 1e9;
        return new Window(
                name, seconds, outcomes.getOrDefault(success, new LongAdder()).sum(), outcomes, latencies);
    }

    private static void closedLoop(
            Operation operation,
            int concurrency,
            Duration duration,
            Latencies latencies,
            Map<Integer, LongAdder> outcomes)
            throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        CountDownLatch done = new CountDownLatch(concurrency);
        for (int i = 0; i < concurrency; i++) {
            new Thread(
                            () -> {
                                try {
                                    while (System.nanoTime() < deadline) {
                                        long start = System.nanoTime();
                                        int status = operation.call();
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

    /** One request: returns its HTTP status. */
    private interface Operation {
        int call() throws Exception;
    }

    private record Window(
            String name, double seconds, long succeeded, Map<Integer, LongAdder> outcomes, Latencies latencies) {

        void print(double bound) {
            double throughput = succeeded / seconds;
            System.out.printf(
                    "%-12s %6.1f/s = %3.0f%% of the hash bound; latency %s; outcomes %s%n",
                    name, throughput, 100 * throughput / bound, latencies.summary(), outcomes);
        }
    }
}
