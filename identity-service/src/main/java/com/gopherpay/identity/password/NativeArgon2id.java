package com.gopherpay.identity.password;

import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Version;

/**
 * The reference C implementation (libargon2, bundled by argon2-jvm and loaded through JNA). It allocates its
 * {@code memoryKib} off the Java heap for each hash and frees it (cleared) when the hash returns, so the hashing slots
 * bound that memory as they bound Bouncy Castle's pools. With more than one lane libargon2 computes the lanes on
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
        NativeArgon2id loaded = new NativeArgon2id(Argon2Factory.createAdvanced(Argon2Factory.Argon2Types.ARGON2id));
        loaded.derive(new byte[] {1}, new byte[16], 64, 1, 1, 16);
        return loaded;
    }

    @Override
    public byte[] derive(byte[] password, byte[] salt, int memoryKib, int iterations, int lanes, int length) {
        return argon2.rawHashAdvanced(
                iterations, memoryKib, lanes, password, salt, null, null, length, Argon2Version.V13);
    }
}
