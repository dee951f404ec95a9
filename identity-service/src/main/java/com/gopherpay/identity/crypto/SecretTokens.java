package com.gopherpay.identity.crypto;

import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.stereotype.Component;

/**
 * New secret tokens: 256 random bits from the application's {@link SecureRandom}, base64url without padding (43
 * characters, safe in a URL and a cookie). Only their {@link Sha256} is ever stored.
 */
@Component
public class SecretTokens {

    private static final int BYTES = 32;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random;

    SecretTokens(SecureRandom random) {
        this.random = random;
    }

    public String next() {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }
}
