package com.gopherpay.identity.password;

/** Which Argon2id implementation computes password hashes ({@code identity.password.implementation}). */
public enum HashImplementation {
    /** The native reference implementation where it loads, otherwise Bouncy Castle with one WARN line at start-up. */
    AUTO,
    /** The native reference implementation only: start-up fails, naming the reason, where it cannot load. */
    NATIVE,
    /** Bouncy Castle's pure-Java implementation. */
    JAVA
}
