package com.gopherpay.identity.password;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Version;

/**
 * The reference C implementation (libargon2, bundled by argon2-jvm and loaded through JNA). It allocates its
 * {@code memoryKib} off the Java heap for each hash and frees it (cleared) when the hash returns, so the hashing slots
 * bound that memory as they bound Bouncy Castle's pools (given {@link #keepLargeAllocationsMapped}). With more than one lane libargon2 computes the lanes on
 * threads of its own, whose CPU time the hashing thread's CPU clock does not see.
 */
final class NativeArgon2id implements Argon2idSlot {

    private final Argon2Advanced argon2;

    private NativeArgon2id(Argon2Advanced argon2) {
        this.argon2 = argon2;
    }

    /**
     * Loads libargon2 and checks it by one small hash.
     *
     * @throws LinkageError or a {@link RuntimeException} when the library cannot be loaded or called here
     */
    static NativeArgon2id load() {
        keepLargeAllocationsMapped();
        NativeArgon2id loaded = new NativeArgon2id(Argon2Factory.createAdvanced(Argon2Factory.Argon2Types.ARGON2id));
        loaded.derive(new byte[] {1}, new byte[16], 64, 1, 1, 16);
        return loaded;
    }

    /** glibc's {@code M_MMAP_THRESHOLD} option of {@code mallopt}. */
    private static final int M_MMAP_THRESHOLD = -3;

    /**
     * Fixes glibc's mmap threshold at its default, 128 KiB, which also turns off its adjustment. Without this, glibc
     * raises the threshold to the size of the first large block freed, so later 19 MiB allocations come from the
     * per-thread arenas and stay resident there: every Tomcat thread that ever hashed kept its own 19 MiB, and 400
     * hashes on 40 threads, 2 at a time, left 360 MiB resident instead of the 2 × 19 MiB the slots allow. Mapped, each
     * hash's memory returns to the system when the hash ends. Elsewhere (macOS, Windows, musl) large allocations are
     * mapped anyway, or there is no such option; then nothing is done.
     */
    private static void keepLargeAllocationsMapped() {
        if (!Platform.isLinux()) {
            return;
        }
        try {
            NativeLibrary.getInstance(Platform.C_LIBRARY_NAME)
                    .getFunction("mallopt")
                    .invokeInt(new Object[] {M_MMAP_THRESHOLD, 128 * 1024});
        } catch (UnsatisfiedLinkError e) {
            // No mallopt in this C library: nothing to tune.
        }
    }

    @Override
    public byte[] derive(byte[] password, byte[] salt, int memoryKib, int iterations, int lanes, int length) {
        return argon2.rawHashAdvanced(
                iterations, memoryKib, lanes, password, salt, null, null, length, Argon2Version.V13);
    }
}
