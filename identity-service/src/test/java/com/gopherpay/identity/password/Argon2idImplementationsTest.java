package com.gopherpay.identity.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The native and the Bouncy Castle Argon2id give the same PHC strings, and the choice between them is safe. */
@ExtendWith(OutputCaptureExtension.class)
class Argon2idImplementationsTest {

    private static final String PASSWORD = "violet-Harbour-93-kite";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    /** Memory, time, lanes, salt bytes, hash bytes: the defaults, the cheaper set, and non-default shapes. */
    static Stream<PasswordProperties> parameterSets() {
        return Stream.of(
                settings(19456, 2, 1, 16, 32),
                settings(7168, 5, 1, 16, 32),
                settings(4096, 1, 1, 16, 32),
                settings(8192, 3, 2, 16, 32),
                settings(12288, 2, 4, 32, 64));
    }

    /** Written by the Bouncy Castle hasher before native hashing existed, with a fixed salt. */
    static Stream<String> storedHashes() {
        return Stream.of(
                "$argon2id$v=19$m=19456,t=2,p=1$OOzsWog31KB1v3Yaz/gh0Q$y4ZybANGWlAsMTV3VlgfWyxrorLRXUbCihd7bkPsw74",
                "$argon2id$v=19$m=7168,t=5,p=1$wNttMChMTbuj8VwFTpTvAQ$hnljOVy/BmRzdNJgOxvNZaki0w0YoXmVpmZq8KoOSxU",
                "$argon2id$v=19$m=4096,t=1,p=1$2aMJGX+d/iS7usv0g7/AHw$azeAbsYtHpoJDdKa2OX+1v3sL3h1VY+zvx72sQ90o9w",
                "$argon2id$v=19$m=8192,t=3,p=2$f/ZI/0sEbnnuL4v6CFw/Xw$GslOGWZ3vafvtvqpQZEfhJNsQKs+Mhp8u07KN/HfkEE",
                "$argon2id$v=19$m=12288,t=2,p=4$06M9XVK51D9EmfRaJpmdSeYnYG9OxFdnrEp1NFwJk34"
                        + "$d8Jini1Qa/BjkL/8eUU9dGscafwgs/9oOx9CxOnVnXVNFDuYY90bnWA/hfFQ8RCUj5wviF93MYHhxkPEDEKr5Q");
    }

    @ParameterizedTest
    @MethodSource("parameterSets")
    void eachImplementationVerifiesWhatTheOtherHashed(PasswordProperties settings) {
        PasswordHasher java = hasher(settings, HashImplementation.JAVA);
        PasswordHasher nativeHasher = hasher(settings, HashImplementation.NATIVE);

        String byJava = java.hash(PASSWORD);
        String byNative = nativeHasher.hash(PASSWORD);

        assertThat(nativeHasher.matches(PASSWORD, byJava)).isTrue();
        assertThat(java.matches(PASSWORD, byNative)).isTrue();
        assertThat(nativeHasher.matches(PASSWORD + "!", byJava)).isFalse();
        assertThat(java.matches(PASSWORD + "!", byNative)).isFalse();
        assertThat(byNative)
                .startsWith("$argon2id$v=19$m=" + settings.memoryKib() + ",t=" + settings.iterations() + ",p="
                        + settings.parallelism() + "$");
    }

    @ParameterizedTest
    @MethodSource("parameterSets")
    void givesTheSameBytesForTheSameSalt(PasswordProperties settings) {
        byte[] salt = new byte[settings.saltLength()];
        new SecureRandom().nextBytes(salt);
        byte[] password = PASSWORD.getBytes(StandardCharsets.UTF_8);

        byte[] byJava = new BouncyCastleArgon2id(settings.memoryKib())
                .derive(password, salt, settings.memoryKib(), settings.iterations(), settings.parallelism(), 48);
        byte[] byNative = NativeArgon2id.slot(settings.memoryKib())
                .derive(password, salt, settings.memoryKib(), settings.iterations(), settings.parallelism(), 48);

        assertThat(byNative).isEqualTo(byJava);
    }

    @Test
    void aNativeSlotReusesItsWorkAreaAndLendsALargerOneForALargerCost() {
        byte[] password = PASSWORD.getBytes(StandardCharsets.UTF_8);
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        NativeArgon2id slot = NativeArgon2id.slot(4096);

        byte[] first = slot.derive(password, salt, 4096, 2, 1, 32);
        byte[] larger = slot.derive(password, salt, 19456, 2, 1, 32);
        byte[] again = slot.derive(password, salt, 4096, 2, 1, 32);

        assertThat(again).isEqualTo(first);
        assertThat(first).isEqualTo(new BouncyCastleArgon2id(4096).derive(password, salt, 4096, 2, 1, 32));
        assertThat(larger).isEqualTo(new BouncyCastleArgon2id(19456).derive(password, salt, 19456, 2, 1, 32));
    }

    @ParameterizedTest
    @MethodSource("storedHashes")
    void bothImplementationsVerifyHashesStoredBefore(String stored) {
        for (HashImplementation implementation :
                new HashImplementation[] {HashImplementation.JAVA, HashImplementation.NATIVE}) {
            PasswordHasher hasher = hasher(PasswordProperties.withCost(4096, 1, 1, implementation), implementation);
            assertThat(hasher.matches(PASSWORD, stored))
                    .as(implementation.name())
                    .isTrue();
            assertThat(hasher.matches("violet-Harbour-93-kitE", stored))
                    .as(implementation.name())
                    .isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"JAVA", "NATIVE"})
    void encodesThePhcStringByteForByteAsTheReferenceImplementationDoes(HashImplementation implementation) {
        PasswordHasher hasher = hasher(PasswordProperties.withCost(4096, 2, 1), implementation);
        String phc = hasher.hash(PASSWORD);
        byte[] salt = Base64.getDecoder().decode(phc.split("\\$")[4]);

        Argon2Advanced reference = Argon2Factory.createAdvanced(Argon2Factory.Argon2Types.ARGON2id);
        assertThat(phc).isEqualTo(reference.hash(2, 4096, 1, PASSWORD.toCharArray(), StandardCharsets.UTF_8, salt));
    }

    @Test
    void autoHashesNativelyWhereTheLibraryLoadsAndSaysSo(CapturedOutput output) {
        PasswordHasher hasher = new PasswordHasher(PasswordProperties.withCost(4096, 1, 2), new SecureRandom(), meters);

        assertThat(hasher.implementation()).isEqualTo("native");
        hasher.hash(PASSWORD);
        assertThat(meters.get("identity.password.hash")
                        .tag("implementation", "native")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(meters.get("identity.password.hash.implementation")
                        .tag("implementation", "native")
                        .gauge()
                        .value())
                .isEqualTo(1);
        assertThat(output).contains("Password hashing: Argon2id m=4096,t=1,p=1 by libargon2", "2 at once");
        assertThat(output).doesNotContain("WARN");
    }

    @Test
    void autoFallsBackToBouncyCastleWithOneWarningNamingTheReason(CapturedOutput output) {
        Argon2idBackend backend = Argon2idBackend.choose(HashImplementation.AUTO, () -> {
            throw new UnsatisfiedLinkError("Unable to load library 'argon2':\nlibargon2.so: cannot open shared object");
        });
        PasswordHasher hasher =
                new PasswordHasher(PasswordProperties.withCost(4096, 1, 1), new SecureRandom(), meters, backend);

        assertThat(hasher.implementation()).isEqualTo("java");
        assertThat(hasher.matches(PASSWORD, hasher.hash(PASSWORD))).isTrue();
        assertThat(output.getOut().lines().filter(line -> line.contains("WARN")))
                .containsExactly(output.getOut()
                        .lines()
                        .filter(line -> line.contains("Native Argon2id unavailable (UnsatisfiedLinkError: Unable to"
                                + " load library 'argon2':): hashing passwords with Bouncy Castle instead"))
                        .findFirst()
                        .orElseThrow());
        assertThat(meters.get("identity.password.hash")
                        .tag("implementation", "java")
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void nativeFailsStartUpWithTheReasonWhereTheLibraryCannotLoad() {
        assertThatThrownBy(() -> Argon2idBackend.choose(HashImplementation.NATIVE, () -> {
                    throw new IllegalStateException("wrapped", new UnsatisfiedLinkError("no libargon2 for sparc"));
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("identity.password.implementation=native, but libargon2 cannot be loaded:"
                        + " UnsatisfiedLinkError: no libargon2 for sparc");
    }

    @Test
    void javaNeverLoadsTheNativeLibrary() {
        Argon2idBackend backend = Argon2idBackend.choose(HashImplementation.JAVA, () -> {
            throw new AssertionError("loaded");
        });

        assertThat(backend.name()).isEqualTo("java");
    }

    private PasswordHasher hasher(PasswordProperties settings, HashImplementation implementation) {
        return new PasswordHasher(settings, new SecureRandom(), meters, Argon2idBackend.choose(implementation));
    }

    private static PasswordProperties settings(int memoryKib, int iterations, int lanes, int saltLength, int length) {
        return new PasswordProperties(
                15, 128, memoryKib, iterations, lanes, saltLength, length, 1, Duration.ofSeconds(2), 32);
    }
}
