package com.gopherpay.benchmarks;

import java.time.Duration;

/**
 * The single-hash median of this JVM with the stack not running, the hash bound it gives ({@code cores} ÷ that time),
 * and the hash rate measured with {@code cores} threads hashing at once.
 */
record HashBound(String hasher, int cores, double singleMillis, double parallelPerSecond) {

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

    /** Hashes per second if every core did nothing but hash. */
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
