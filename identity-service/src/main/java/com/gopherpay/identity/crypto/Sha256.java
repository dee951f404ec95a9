package com.gopherpay.identity.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256, the digest that stands for a secret at rest (tokens) or for a value that must not be stored in clear
 * (addresses in keys and budgets). A plain SHA-256 is right for 256-bit random tokens; it is not a password hash.
 */
public final class Sha256 {

    private Sha256() {}

    /** The SHA-256 of {@code value}'s UTF-8 bytes. */
    public static byte[] of(String value) {
        return of(value.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] of(byte[] value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
