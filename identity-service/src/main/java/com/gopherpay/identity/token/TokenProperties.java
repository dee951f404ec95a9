package com.gopherpay.identity.token;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Access tokens and the keys that sign them. Rotation: move the file of the current key to {@code previous-keys},
 * put the new key in {@code signing-key}, restart; drop the old file once {@code access-token-ttl} has passed.
 *
 * @param signingKey file holding the ES256 (P-256) private signing key: a PEM PKCS#8 {@code PRIVATE KEY} (as
 *     {@code openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256} writes) or a private JWK in JSON
 * @param signingKeyJwk the private signing key as JWK JSON, e.g. from an environment variable
 *     ({@code IDENTITY_TOKEN_SIGNING_KEY_JWK}); used when {@code signing-key} is not set
 * @param previousKeys files of keys that signed tokens before the current one (PEM public or private key, or JWK):
 *     only their public halves are published in the JWK set, so tokens they signed keep verifying until they expire
 * @param generateEphemeralKey generate a throw-away key at start-up when none is configured (development and tests
 *     only: every restart invalidates all access tokens, and instances do not share it); logs a WARN
 * @param issuer the {@code iss} claim; {@code identity.public-base-url} when not set
 * @param audience the {@code aud} claim: the services that accept these tokens
 * @param accessTokenTtl how long an access token is valid ({@code exp} − {@code iat})
 */
@ConfigurationProperties("identity.token")
@Validated
public record TokenProperties(
        Path signingKey,
        String signingKeyJwk,
        @DefaultValue List<Path> previousKeys,
        @DefaultValue("false") boolean generateEphemeralKey,
        URI issuer,
        @DefaultValue("gopherpay") @NotBlank String audience,

        @DefaultValue("10m") @NotNull @DurationMin(seconds = 30) @DurationMax(hours = 24)
        Duration accessTokenTtl) {}
