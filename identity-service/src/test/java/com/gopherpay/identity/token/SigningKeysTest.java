package com.gopherpay.identity.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.gopherpay.identity.config.IdentityProperties;
import com.gopherpay.identity.user.User;
import com.gopherpay.identity.user.UserStatus;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key files, the published JWK set and rotation: tokens of the previous key keep verifying, strangers' do not. */
class SigningKeysTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
    private static final User USER =
            new User(UUID.randomUUID(), "ada@example.com", "Ada Lovelace", UserStatus.ACTIVE, NOW, NOW);

    @TempDir
    Path dir;

    @Test
    void readsAPkcs8PemKeyAndPublishesItsPublicHalfUnderItsThumbprint() throws Exception {
        KeyPair pair = p256();
        Path pem = write("signing.pem", pem("PRIVATE KEY", pair.getPrivate().getEncoded()));

        SigningKeys keys = new SigningKeys(properties(pem, null, List.of()), new SecureRandom());

        ECKey published = (ECKey) keys.publicKeys().getKeys().get(0);
        assertThat(published.isPrivate()).isFalse();
        assertThat(published.toECPublicKey()).isEqualTo(pair.getPublic());
        assertThat(published.getKeyID()).isEqualTo(published.computeThumbprint().toString());
        assertThat(keys.publicKeys().toString()).doesNotContain("\"d\"");
    }

    @Test
    void aTokenOfThePreviousKeyStillVerifiesAfterRotationAndAStrangersDoesNot() throws Exception {
        ECKey oldKey = new ECKeyGenerator(Curve.P_256).generate();
        ECKey newKey = new ECKeyGenerator(Curve.P_256).generate();
        ECKey stranger = new ECKeyGenerator(Curve.P_256).generate();
        Path oldFile = write("old.jwk", oldKey.toJSONString());
        Path oldPublic =
                write("old.pub.pem", pem("PUBLIC KEY", oldKey.toECPublicKey().getEncoded()));
        Path newFile = write("new.jwk", newKey.toJSONString());
        Path strangerFile = write("stranger.jwk", stranger.toJSONString());

        String beforeRotation =
                tokens(properties(oldFile, null, List.of())).issue(USER).value();
        String strangers =
                tokens(properties(strangerFile, null, List.of())).issue(USER).value();
        AccessTokens rotated = tokens(properties(newFile, null, List.of(oldPublic)));
        String afterRotation = rotated.issue(USER).value();

        assertThat(rotated.verify(beforeRotation).userId()).isEqualTo(USER.id());
        assertThat(rotated.verify(afterRotation).userId()).isEqualTo(USER.id());
        assertThat(SignedJWT.parse(afterRotation).getHeader().getKeyID())
                .isEqualTo(newKey.computeThumbprint().toString());
        assertThatThrownBy(() -> rotated.verify(strangers)).isInstanceOf(InvalidAccessToken.class);
        // Once the old key is dropped, its tokens stop verifying.
        AccessTokens withoutOld = tokens(properties(newFile, null, List.of()));
        assertThatThrownBy(() -> withoutOld.verify(beforeRotation)).isInstanceOf(InvalidAccessToken.class);
        List<String> kids = new SigningKeys(properties(newFile, null, List.of(oldFile)), new SecureRandom())
                .publicKeys().getKeys().stream().map(JWK::getKeyID).toList();
        assertThat(kids)
                .containsExactly(
                        newKey.computeThumbprint().toString(),
                        oldKey.computeThumbprint().toString());
    }

    @Test
    void takesTheKeyAsJwkJsonFromAPropertyValue() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();

        SigningKeys keys = new SigningKeys(properties(null, key.toJSONString(), List.of()), new SecureRandom());

        assertThat(keys.current().getKeyID()).isEqualTo(key.computeThumbprint().toString());
    }

    @Test
    void refusesMissingPublicOnlyAndOtherCurveKeysWithoutShowingThem() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();
        ECKey p384 = new ECKeyGenerator(Curve.P_384).generate();
        Path publicOnly = write("public.jwk", key.toPublicJWK().toJSONString());
        Path otherCurve = write("p384.jwk", p384.toJSONString());
        Path garbage = write("garbage.pem", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

        assertThatThrownBy(() -> new SigningKeys(properties(null, null, List.of()), new SecureRandom()))
                .isInstanceOf(SigningKeyUnavailable.class)
                .hasMessageContaining("identity.token.signing-key");
        assertThatThrownBy(() -> new SigningKeys(properties(publicOnly, null, List.of()), new SecureRandom()))
                .isInstanceOf(SigningKeyUnavailable.class)
                .hasMessageContaining("public key");
        assertThatThrownBy(() -> new SigningKeys(properties(otherCurve, null, List.of()), new SecureRandom()))
                .isInstanceOf(SigningKeyUnavailable.class)
                .hasMessageContaining("P-256")
                .message()
                .doesNotContain(p384.getD().toString());
        assertThatThrownBy(() -> new SigningKeys(properties(garbage, null, List.of()), new SecureRandom()))
                .isInstanceOf(SigningKeyUnavailable.class);
        assertThatThrownBy(() ->
                        new SigningKeys(properties(dir.resolve("missing.pem"), null, List.of()), new SecureRandom()))
                .isInstanceOf(SigningKeyUnavailable.class)
                .hasMessageContaining("missing.pem");
    }

    @Test
    void refusesAnExpiredTokenAndOneForAnotherAudience() throws Exception {
        Path key = write("k.jwk", new ECKeyGenerator(Curve.P_256).generate().toJSONString());
        String token = tokens(properties(key, null, List.of())).issue(USER).value();
        TokenProperties otherAudience =
                new TokenProperties(key, null, List.of(), false, null, "elsewhere", Duration.ofMinutes(10));
        AccessTokens later = new AccessTokens(
                new SigningKeys(properties(key, null, List.of()), new SecureRandom()),
                properties(key, null, List.of()),
                new IdentityProperties(URI.create("https://id.example")),
                Clock.fixed(NOW.plus(Duration.ofMinutes(11)), ZoneOffset.UTC),
                UUID::randomUUID);

        assertThatThrownBy(() -> later.verify(token)).isInstanceOf(InvalidAccessToken.class);
        assertThatThrownBy(() -> tokens(otherAudience).verify(token)).isInstanceOf(InvalidAccessToken.class);
    }

    private AccessTokens tokens(TokenProperties properties) {
        return new AccessTokens(
                new SigningKeys(properties, new SecureRandom()),
                properties,
                new IdentityProperties(URI.create("https://id.example")),
                Clock.fixed(NOW, ZoneOffset.UTC),
                UUID::randomUUID);
    }

    private static TokenProperties properties(Path key, String jwk, List<Path> previous) {
        return new TokenProperties(key, jwk, previous, false, null, "gopherpay", Duration.ofMinutes(10));
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    private static KeyPair p256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type
                + "-----\n";
    }
}
