package com.gopherpay.identity.password;

/**
 * One hashing slot's way of computing raw Argon2id (version 0x13). A slot is used by one hash at a time, so whatever
 * memory a slot needs for a hash is needed at most once per slot at any moment.
 */
interface Argon2idSlot {

    /** The raw Argon2id output of {@code length} bytes for {@code password} and {@code salt}. */
    byte[] derive(byte[] password, byte[] salt, int memoryKib, int iterations, int lanes, int length);
}
