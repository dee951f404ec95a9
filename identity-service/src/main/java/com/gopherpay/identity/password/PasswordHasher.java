package com.gopherpay.identity.password;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Argon2id hashing into PHC strings ({@code $argon2id$v=19$m=…,t=…,p=…$salt$hash}).
 *
 * <p>The hash is computed by the native reference implementation (libargon2) where it loads, otherwise by Bouncy
 * Castle ({@link PasswordProperties#implementation()}); both give the same bytes for the same input, so either verifies
 * what the other stored.
 *
 * <p>At most {@link PasswordProperties#maxConcurrentHashes()} hashes run at once: each one holds {@code memoryKib} of
 * memory and a core for its whole duration, so an unbounded burst would only make every request slower and the memory
 * larger. A hash runs only while it holds a slot, and a slot serves one hash at a time, so the Argon2id memory in use
 * (Bouncy Castle's pooled blocks on the heap, or libargon2's allocation off the heap) never exceeds slots × memoryKib.
 * A request waits for a slot at most {@link PasswordProperties#maxQueueWait()}, and at most
 * {@link PasswordProperties#maxQueuedHashes()} wait at once; beyond either it gets {@link HashingBusy} (503). Callers
 * must not hold a database connection or transaction while hashing.
 *
 * <p>Metrics: {@code identity.password.hash} times each {@link #hash} (wall time, without the wait for a slot), and
 * the counter {@code identity.password.hash.cpu} (seconds; {@code identity_password_hash_cpu_seconds_total} in
 * Prometheus) adds up the CPU time the hashing thread itself spent in Argon2id, for {@link #hash} and {@link #matches}
 * alike, since both compute a full Argon2id hash: the service's CPU minus this counter is its CPU for everything else.
 * The counter is only registered when the JVM can measure the CPU time of the current thread. Both carry the tag
 * {@code implementation} ({@code native} or {@code java}), and the gauge {@code identity.password.hash.implementation}
 * is 1 with that tag.
 */
@Component
public class PasswordHasher {

    private static final Logger log = LoggerFactory.getLogger(PasswordHasher.class);
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

    private final PasswordProperties properties;
    private final SecureRandom random;
    private final Argon2idBackend backend;
    /** The free hashing slots; taking one is taking the slot. */
    private final BlockingQueue<Argon2idSlot> slots;

    private final Timer hashTimer;
    /** CPU time of the hashing threads in Argon2id, or null where the JVM cannot measure a thread's CPU time. */
    private final Counter hashCpu;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final AtomicInteger waiting = new AtomicInteger();
    private final Counter busyRejections;

    @Autowired
    PasswordHasher(PasswordProperties properties, SecureRandom random, MeterRegistry meters) {
        this(properties, random, meters, Argon2idBackend.choose(properties.implementation()));
    }

    PasswordHasher(PasswordProperties properties, SecureRandom random, MeterRegistry meters, Argon2idBackend backend) {
        this.properties = properties;
        this.random = random;
        this.backend = backend;
        int concurrency = properties.effectiveConcurrency();
        this.slots = new ArrayBlockingQueue<>(concurrency, true);
        for (int i = 0; i < concurrency; i++) {
            slots.add(backend.newSlot().apply(properties.memoryKib()));
        }
        log.info(
                "Password hashing: Argon2id m={},t={},p={} by {}, {} at once",
                properties.memoryKib(),
                properties.iterations(),
                properties.parallelism(),
                backend.description(),
                concurrency);
        Gauge.builder("identity.password.hash.implementation", () -> 1)
                .description("The Argon2id implementation hashing passwords, as its tag")
                .tag("implementation", backend.name())
                .register(meters);
        this.hashTimer = Timer.builder("identity.password.hash")
                .description("Time to compute one Argon2id hash, excluding the wait for a hashing slot")
                .tag("implementation", backend.name())
                .register(meters);
        Gauge.builder("identity.password.hash.waiting", waiting, AtomicInteger::get)
                .description("Requests waiting for a hashing slot")
                .register(meters);
        this.busyRejections = Counter.builder("identity.password.hash.busy")
                .description("Requests answered 503 because every hashing slot stayed busy or too many waited")
                .register(meters);
        this.hashCpu = threadCpuTimeAvailable()
                ? Counter.builder("identity.password.hash.cpu")
                        .description("CPU time spent computing Argon2id hashes")
                        .baseUnit("seconds")
                        .tag("implementation", backend.name())
                        .register(meters)
                : null;
    }

    /** Whether the CPU time of the current thread can be read, enabling its measurement when it is off. */
    private boolean threadCpuTimeAvailable() {
        try {
            if (!threads.isCurrentThreadCpuTimeSupported()) {
                log.info("This JVM cannot measure thread CPU time: identity.password.hash.cpu is not published");
                return false;
            }
            if (!threads.isThreadCpuTimeEnabled()) {
                threads.setThreadCpuTimeEnabled(true);
            }
            return true;
        } catch (UnsupportedOperationException | SecurityException e) {
            log.info(
                    "Thread CPU time is not available ({}): identity.password.hash.cpu is not published", e.toString());
            return false;
        }
    }

    /** Runs {@code work} on this thread and adds the CPU time it took to {@link #hashCpu}. */
    private byte[] cpuMeasured(Supplier<byte[]> work) {
        if (hashCpu == null) {
            return work.get();
        }
        long before = threads.getCurrentThreadCpuTime();
        try {
            return work.get();
        } finally {
            long after = threads.getCurrentThreadCpuTime();
            // -1 when the measurement was switched off in the meantime.
            if (before >= 0 && after >= before) {
                hashCpu.increment((after - before) / 1e9);
            }
        }
    }

    /**
     * Hashes an already normalised password; waits a bounded time while all hashing slots are busy.
     *
     * @throws HashingBusy when no slot became free in time or too many requests are waiting already
     */
    public String hash(String password) {
        byte[] salt = new byte[properties.saltLength()];
        random.nextBytes(salt);
        byte[] secret = password.getBytes(StandardCharsets.UTF_8);
        Argon2idSlot slot = takeSlot();
        try {
            byte[] hash = hashTimer.record(() -> cpuMeasured(() -> slot.derive(
                    secret,
                    salt,
                    properties.memoryKib(),
                    properties.iterations(),
                    properties.parallelism(),
                    properties.hashLength())));
            return "$argon2id$v=19$m=" + properties.memoryKib() + ",t=" + properties.iterations() + ",p="
                    + properties.parallelism() + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
        } finally {
            slots.add(slot);
            Arrays.fill(secret, (byte) 0);
        }
    }

    /**
     * Takes a free slot, waiting at most {@code maxQueueWait} and only while fewer than {@code maxQueuedHashes} others
     * wait. The wait happens on an HTTP thread, so without both bounds a burst of registrations would park every
     * Tomcat thread here and requests that never hash would queue behind them.
     */
    private Argon2idSlot takeSlot() {
        Argon2idSlot free = slots.poll();
        if (free != null) {
            return free;
        }
        if (waiting.incrementAndGet() > properties.maxQueuedHashes()) {
            waiting.decrementAndGet();
            throw busy();
        }
        try {
            Argon2idSlot slot = slots.poll(properties.maxQueueWait().toNanos(), TimeUnit.NANOSECONDS);
            if (slot == null) {
                throw busy();
            }
            return slot;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to hash a password", e);
        } finally {
            waiting.decrementAndGet();
        }
    }

    private HashingBusy busy() {
        busyRejections.increment();
        long seconds = (properties.maxQueueWait().toMillis() + 999) / 1000;
        return new HashingBusy(Math.max(1, seconds));
    }

    /** {@code native} or {@code java}: the implementation computing the hashes. */
    String implementation() {
        return backend.name();
    }

    /** Requests waiting for a hashing slot right now. */
    int waiting() {
        return waiting.get();
    }

    /**
     * Takes a hashing slot as a hash would and keeps it until closed. Tests use it to fill the slots without depending
     * on how long Argon2id takes.
     */
    Slot hold() {
        return new Slot(takeSlot());
    }

    /** A slot held by {@link #hold}. */
    final class Slot implements AutoCloseable {
        private Argon2idSlot slot;

        private Slot(Argon2idSlot slot) {
            this.slot = slot;
        }

        @Override
        public synchronized void close() {
            if (slot != null) {
                slots.add(slot);
                slot = null;
            }
        }
    }

    /**
     * Whether {@code phc} was made with other Argon2id parameters (memory, iterations, lanes, salt or hash length) than
     * the configured ones, so that after a successful {@link #matches} the password should be hashed again.
     */
    public boolean needsRehash(String phc) {
        String[] parts = phc.split("\\$");
        if (parts.length != 6 || !"argon2id".equals(parts[1]) || !"v=19".equals(parts[2])) {
            return true;
        }
        String configured =
                "m=" + properties.memoryKib() + ",t=" + properties.iterations() + ",p=" + properties.parallelism();
        return !configured.equals(parts[3])
                || Base64.getDecoder().decode(parts[4]).length != properties.saltLength()
                || Base64.getDecoder().decode(parts[5]).length != properties.hashLength();
    }

    /**
     * Whether {@code password} hashes to the PHC string {@code phc} (using the parameters recorded in it).
     *
     * @throws HashingBusy as {@link #hash}
     */
    public boolean matches(String password, String phc) {
        String[] parts = phc.split("\\$");
        if (parts.length != 6 || !"argon2id".equals(parts[1]) || !"v=19".equals(parts[2])) {
            return false;
        }
        int memory = 0;
        int iterations = 0;
        int parallelism = 0;
        for (String setting : parts[3].split(",")) {
            int value = Integer.parseInt(setting.substring(2));
            switch (setting.charAt(0)) {
                case 'm' -> memory = value;
                case 't' -> iterations = value;
                case 'p' -> parallelism = value;
                default -> {
                    return false;
                }
            }
        }
        byte[] salt = Base64.getDecoder().decode(parts[4]);
        byte[] expected = Base64.getDecoder().decode(parts[5]);
        Argon2idSlot slot = takeSlot();
        byte[] actual;
        byte[] secret = password.getBytes(StandardCharsets.UTF_8);
        try {
            int m = memory;
            int t = iterations;
            int p = parallelism;
            actual = cpuMeasured(() -> slot.derive(secret, salt, m, t, p, expected.length));
        } finally {
            slots.add(slot);
            Arrays.fill(secret, (byte) 0);
        }
        return MessageDigest.isEqual(expected, actual);
    }
}
