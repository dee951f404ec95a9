package com.gopherpay.benchmarks;

import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Version;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Times Argon2id with the service's default (OWASP) parameters in this JVM, the way the service hashes with each
 * implementation: {@code java}, where each hashing thread reuses one Bouncy Castle block pool, or {@code native}, the
 * reference C implementation (libargon2 through argon2-jvm) that allocates off-heap per hash.
 */
final class Argon2Probe {

    static final int MEMORY_KIB = 19 * 1024;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;
    /**
     * Hashes before any timing: with 5 the JIT was still compiling Argon2's inner loops during the measured hashes, so
     * the probe reported an unstable, too-high single-hash time.
     */
    static final int WARMUP_HASHES = 20;

    private Argon2Probe() {}

    /** Median wall time of one hash in milliseconds, after warming up the JIT. */
    static double medianHashMillis(String hasher, int samples) {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < WARMUP_HASHES; i++) {
            hash(hasher, random);
        }
        double[] times = new double[samples];
        for (int i = 0; i < samples; i++) {
            long start = System.nanoTime();
            hash(hasher, random);
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(times);
        return times[samples / 2];
    }

    /**
     * Hashes per second with {@code threads} threads hashing at once for {@code duration}, after a warm-up: what the
     * machine really sustains, since Argon2id is memory-hard and parallel hashes share caches and memory bandwidth.
     */
    static double parallelHashesPerSecond(String hasher, int threads, Duration duration) throws InterruptedException {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < WARMUP_HASHES; i++) {
            hash(hasher, random);
        }
        LongAdder done = new LongAdder();
        long deadline = System.nanoTime() + duration.toNanos();
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    hash(hasher, random);
                    done.increment();
                }
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return done.sum() / ((System.nanoTime() - start) / 1e9);
    }

    private static final ThreadLocal<Argon2BytesGenerator.BlockPool> POOLS =
            ThreadLocal.withInitial(() -> new Argon2BytesGenerator.FixedBlockPool(MEMORY_KIB));

    private static final Argon2Advanced NATIVE = Argon2Factory.createAdvanced(Argon2Factory.Argon2Types.ARGON2id);
    private static final byte[] PASSWORD = "a benchmark password".getBytes(StandardCharsets.UTF_8);

    private static byte[] hash(String hasher, SecureRandom random) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        if (hasher.equals("native")) {
            return NATIVE.rawHashAdvanced(
                    ITERATIONS, MEMORY_KIB, PARALLELISM, PASSWORD, salt, null, null, 32, Argon2Version.V13);
        }
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(MEMORY_KIB)
                .withIterations(ITERATIONS)
                .withParallelism(PARALLELISM)
                .withSalt(salt)
                .withBlockPool(POOLS.get())
                .build());
        byte[] out = new byte[32];
        generator.generateBytes(PASSWORD, out);
        return out;
    }
}
