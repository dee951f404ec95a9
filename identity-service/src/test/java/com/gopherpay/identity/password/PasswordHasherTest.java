package com.gopherpay.identity.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final PasswordHasher hasher =
            new PasswordHasher(PasswordProperties.withCost(19456, 2, 0), new SecureRandom(), meters);

    @Test
    void producesAnArgon2idPhcStringWithTheOwaspParameters() {
        String phc = hasher.hash("violet-Harbour-93-kite");

        assertThat(phc).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(hasher.matches("violet-Harbour-93-kite", phc)).isTrue();
        assertThat(hasher.matches("violet-Harbour-93-kitE", phc)).isFalse();
        assertThat(meters.get("identity.password.hash").timer().count()).isEqualTo(1);
    }

    @Test
    void countsTheCpuTimeOfEveryHashAndEveryCheck() {
        Assumptions.assumeTrue(ManagementFactory.getThreadMXBean().isCurrentThreadCpuTimeSupported());
        Counter cpu = meters.get("identity.password.hash.cpu").counter();
        assertThat(cpu.getId().getBaseUnit()).isEqualTo("seconds");
        assertThat(cpu.getId().getDescription()).isEqualTo("CPU time spent computing Argon2id hashes");
        assertThat(cpu.count()).isZero();

        String phc = hasher.hash("violet-Harbour-93-kite");
        double afterHash = cpu.count();
        assertThat(afterHash).isPositive();

        hasher.matches("violet-Harbour-93-kite", phc);
        assertThat(cpu.count()).isGreaterThan(afterHash);
    }

    @Test
    void saltsEveryHash() {
        assertThat(hasher.hash("violet-Harbour-93-kite")).isNotEqualTo(hasher.hash("violet-Harbour-93-kite"));
    }

    @Test
    void matchesTheRfc9106ParametersRecordedInTheHash() {
        PasswordHasher cheaper =
                new PasswordHasher(PasswordProperties.withCost(4096, 1, 1), new SecureRandom(), meters);

        assertThat(hasher.matches("violet-Harbour-93-kite", cheaper.hash("violet-Harbour-93-kite")))
                .isTrue();
    }

    @Test
    void reusedBlockMemoryCarriesNothingFromOneHashToTheNext() throws Exception {
        // One Bouncy Castle slot, so every hash reuses the same pooled blocks, from several threads at once.
        PasswordHasher oneSlot = new PasswordHasher(
                PasswordProperties.withCost(4096, 2, 1, HashImplementation.JAVA), new SecureRandom(), meters);
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            List<Future<String[]>> hashed = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                String password = "violet-Harbour-" + i + "-kite";
                hashed.add(threads.submit(() -> new String[] {password, oneSlot.hash(password)}));
            }
            for (Future<String[]> result : hashed) {
                String[] pair = result.get(60, TimeUnit.SECONDS);
                assertThat(pair[1]).isEqualTo(unpooledHash(pair[0], pair[1]));
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void answersBusyOnceTheWaitForASlotRunsOut() {
        PasswordHasher oneSlot = new PasswordHasher(
                new PasswordProperties(15, 128, 4096, 1, 1, 16, 32, 1, Duration.ofMillis(50), 4),
                new SecureRandom(),
                meters);
        try (var held = oneSlot.hold()) {
            assertThatThrownBy(() -> oneSlot.hash("violet-Harbour-93-kite"))
                    .isInstanceOfSatisfying(
                            HashingBusy.class,
                            e -> assertThat(e.retryAfterSeconds()).isEqualTo(1));
            assertThatThrownBy(() -> oneSlot.matches("violet-Harbour-93-kite", hasher.hash("violet-Harbour-93-kite")))
                    .isInstanceOf(HashingBusy.class);
        }
        assertThat(oneSlot.waiting()).isZero();
        assertThat(meters.get("identity.password.hash.busy").counter().count()).isEqualTo(2);
        // Once the slot is free again, hashing works as before.
        assertThat(oneSlot.hash("violet-Harbour-93-kite")).startsWith("$argon2id$");
    }

    @Test
    void refusesAtOnceWhenAsManyRequestsWaitAsAllowed() throws Exception {
        PasswordHasher oneSlot = new PasswordHasher(
                new PasswordProperties(15, 128, 4096, 1, 1, 16, 32, 1, Duration.ofMinutes(5), 1),
                new SecureRandom(),
                meters);
        ExecutorService waiter = Executors.newSingleThreadExecutor();
        try {
            Future<String> queued;
            try (var held = oneSlot.hold()) {
                queued = waiter.submit(() -> oneSlot.hash("violet-Harbour-93-kite"));
                await().atMost(Duration.ofSeconds(10)).until(() -> oneSlot.waiting() == 1);

                // The one place in the queue is taken: the next caller does not wait five minutes but is refused.
                assertThatThrownBy(() -> oneSlot.hash("violet-Harbour-93-kite")).isInstanceOf(HashingBusy.class);
                assertThat(queued).isNotDone();
            }
            // The waiter gets the released slot.
            assertThat(queued.get(60, TimeUnit.SECONDS)).startsWith("$argon2id$");
        } finally {
            waiter.shutdownNow();
        }
    }

    /** The PHC string an independent, unpooled Argon2id computation gives for the salt recorded in {@code phc}. */
    private static String unpooledHash(String password, String phc) {
        String[] parts = phc.split("\\$");
        byte[] salt = Base64.getDecoder().decode(parts[4]);
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(4096)
                .withIterations(2)
                .withParallelism(1)
                .withSalt(salt)
                .build());
        byte[] out = new byte[32];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return "$argon2id$v=19$m=4096,t=2,p=1$" + parts[4] + "$"
                + Base64.getEncoder().withoutPadding().encodeToString(out);
    }
}
