package com.gopherpay.identity.password;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Bouncy Castle's pure-Java Argon2id with a block pool of its own: allocating 19 MiB of small blocks per hash made the
 * garbage collector, not Argon2, the main cost under load. Bouncy Castle clears each block before it returns to the
 * pool, so nothing of one hash is left for the next.
 */
final class BouncyCastleArgon2id implements Argon2idSlot {

    private final Argon2BytesGenerator.BlockPool pool;

    BouncyCastleArgon2id(int memoryKib) {
        this.pool = new Argon2BytesGenerator.FixedBlockPool(memoryKib);
    }

    @Override
    public byte[] derive(byte[] password, byte[] salt, int memoryKib, int iterations, int lanes, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(lanes)
                .withSalt(salt)
                .withBlockPool(pool)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(password, out);
        return out;
    }
}
