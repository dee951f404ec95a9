package com.gopherpay.identity.password;

import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Argon2id implementation chosen at start-up and how to make a hashing slot of it.
 *
 * @param name {@code native} or {@code java}: the {@code implementation} tag of the hashing metrics
 * @param description what computes the hashes, for the start-up log
 * @param newSlot makes one hashing slot for the configured memory cost (in KiB)
 */
record Argon2idBackend(String name, String description, IntFunction<Argon2idSlot> newSlot) {

    private static final Logger log = LoggerFactory.getLogger(Argon2idBackend.class);

    static Argon2idBackend java() {
        return new Argon2idBackend("java", "Bouncy Castle (pure Java, pooled blocks)", BouncyCastleArgon2id::new);
    }

    static Argon2idBackend nativeLibrary() {
        return new Argon2idBackend(
                "native",
                "libargon2 (reference C implementation, one resident off-heap work area per slot)",
                NativeArgon2id::slot);
    }

    /** Chooses as {@code identity.password.implementation} asks, loading libargon2 unless {@code JAVA} is asked for. */
    static Argon2idBackend choose(HashImplementation wanted) {
        return choose(wanted, NativeArgon2id::check);
    }

    /**
     * @throws IllegalStateException naming the reason when {@code NATIVE} is asked for and libargon2 cannot be loaded
     */
    static Argon2idBackend choose(HashImplementation wanted, Runnable loader) {
        if (wanted == HashImplementation.JAVA) {
            return java();
        }
        try {
            loader.run();
        } catch (LinkageError | RuntimeException e) {
            String reason = reason(e);
            if (wanted == HashImplementation.NATIVE) {
                throw new IllegalStateException(
                        "identity.password.implementation=native, but libargon2 cannot be loaded: " + reason);
            }
            log.warn("Native Argon2id unavailable ({}): hashing passwords with Bouncy Castle instead", reason);
            return java();
        }
        return nativeLibrary();
    }

    /** The first line of the innermost cause: JNA's messages list every path it tried on further lines. */
    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null
                ? ""
                : root.getMessage().lines().findFirst().orElse("");
        return root.getClass().getSimpleName() + (message.isBlank() ? "" : ": " + message.strip());
    }
}
