package com.gopherpay.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/** Times one Argon2id hash with the service's default (OWASP) parameters, on one thread, in this JVM. */
final class Argon2Probe {

    static final int MEMORY_KIB = 19 * 1024;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;

    private Argon2Probe() {}

    /** Median wall time of one hash in milliseconds, after warming up the JIT. */
    static double medianHashMillis(int samples) {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 5; i++) {
            hash(random);
        }
        double[] times = new double[samples];
        for (int i = 0; i < samples; i++) {
            long start = System.nanoTime();
            hash(random);
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(times);
        return times[samples / 2];
    }

    private static byte[] hash(SecureRandom random) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(MEMORY_KIB)
                .withIterations(ITERATIONS)
                .withParallelism(PARALLELISM)
                .withSalt(salt)
                .build());
        byte[] out = new byte[32];
        generator.generateBytes("a benchmark password".getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
