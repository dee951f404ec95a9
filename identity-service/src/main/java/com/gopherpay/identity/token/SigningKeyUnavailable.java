package com.gopherpay.identity.token;

/**
 * No usable signing key: none configured outside development, or a configured one cannot be read. Start-up stops
 * with {@link #getMessage()} as its one-line reason (see {@link SigningKeyFailureAnalyzer}).
 */
public class SigningKeyUnavailable extends RuntimeException {

    SigningKeyUnavailable(String reason) {
        super(reason, null, false, false);
    }
}
