package com.gopherpay.identity.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The key that signs access tokens now, and the public JWK set: its public half first, then those of the previous
 * keys, each with its RFC 7638 thumbprint as {@code kid}. Read once at start-up.
 */
@Component
class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private final ECKey current;
    private final JWKSet publicKeys;

    SigningKeys(TokenProperties properties, SecureRandom random) {
        this.current = signingKey(properties, random);
        Map<String, JWK> published = new LinkedHashMap<>();
        published.put(current.getKeyID(), publicJwk(current));
        for (Path file : properties.previousKeys()) {
            ECKey previous = KeyFiles.publicKey(file);
            published.putIfAbsent(previous.getKeyID(), publicJwk(previous));
        }
        this.publicKeys = new JWKSet(new ArrayList<>(published.values()));
        log.info(
                "Access tokens are signed with key {}; {} previous key(s) published",
                current.getKeyID(),
                published.size() - 1);
    }

    private static ECKey signingKey(TokenProperties properties, SecureRandom random) {
        if (properties.signingKey() != null) {
            return KeyFiles.privateKey(properties.signingKey());
        }
        if (properties.signingKeyJwk() != null && !properties.signingKeyJwk().isBlank()) {
            return KeyFiles.privateKeyJwk(properties.signingKeyJwk(), "identity.token.signing-key-jwk");
        }
        if (!properties.generateEphemeralKey()) {
            throw new SigningKeyUnavailable("neither identity.token.signing-key nor identity.token.signing-key-jwk is"
                    + " set, and identity.token.generate-ephemeral-key is false");
        }
        log.warn("identity.token.generate-ephemeral-key=true: signing access tokens with a key generated at start-up;"
                + " they stop verifying at the next restart and on other instances. Never use this in production.");
        try {
            return new ECKeyGenerator(Curve.P_256)
                    .secureRandom(random)
                    .keyIDFromThumbprint(true)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Every Java platform can generate P-256 keys", e);
        }
    }

    private static JWK publicJwk(ECKey key) {
        return new ECKey.Builder(key.toPublicJWK())
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.ES256)
                .build();
    }

    /** The private key that signs new tokens. */
    ECKey current() {
        return current;
    }

    /** The public keys tokens may be signed with: the current one and the previous ones. */
    JWKSet publicKeys() {
        return publicKeys;
    }
}
