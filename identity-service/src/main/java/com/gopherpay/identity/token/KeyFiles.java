package com.gopherpay.identity.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.jce.ECNamedCurveTable;

/**
 * Reads P-256 keys from PEM (PKCS#8 {@code PRIVATE KEY}, X.509 {@code PUBLIC KEY}) or JWK JSON into Nimbus
 * {@link ECKey}s whose {@code kid} is their RFC 7638 thumbprint. Error messages name the source, never key material.
 */
final class KeyFiles {

    private static final Pattern PEM =
            Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private KeyFiles() {}

    /** The private key in {@code file}. */
    static ECKey privateKey(Path file) {
        ECKey key = parse(read(file), file.toString());
        if (!key.isPrivate()) {
            throw new SigningKeyUnavailable(
                    file + " holds a public key; identity.token.signing-key needs the private key");
        }
        return key;
    }

    /** The private key in the JWK JSON {@code json}, named {@code source} in errors. */
    static ECKey privateKeyJwk(String json, String source) {
        ECKey key = parse(json, source);
        if (!key.isPrivate()) {
            throw new SigningKeyUnavailable(source + " holds a public JWK; the signing key needs its private part (d)");
        }
        return key;
    }

    /** The public half of the key in {@code file} (which may hold the private key). */
    static ECKey publicKey(Path file) {
        return parse(read(file), file.toString()).toPublicJWK();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new SigningKeyUnavailable(
                    "Cannot read key file " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static ECKey parse(String text, String source) {
        String trimmed = text.strip();
        try {
            ECKey key = trimmed.startsWith("{") ? jwk(trimmed, source) : pem(trimmed, source);
            if (!Curve.P_256.equals(key.getCurve())) {
                throw new SigningKeyUnavailable(source + " is not a P-256 key; ES256 needs the P-256 curve");
            }
            return new ECKey.Builder(key).keyIDFromThumbprint().build();
        } catch (JOSEException | GeneralSecurityException | IllegalArgumentException e) {
            throw new SigningKeyUnavailable(
                    source + " is not a readable P-256 key (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static ECKey jwk(String json, String source) {
        try {
            JWK jwk = JWK.parse(json);
            if (!(jwk instanceof ECKey ec)) {
                throw new SigningKeyUnavailable(source + " is a " + jwk.getKeyType() + " JWK; ES256 needs an EC key");
            }
            return ec;
        } catch (ParseException e) {
            throw new SigningKeyUnavailable(source + " is not valid JWK JSON");
        }
    }

    private static ECKey pem(String text, String source) throws GeneralSecurityException {
        Matcher pem = PEM.matcher(text);
        if (!pem.find()) {
            throw new SigningKeyUnavailable(source + " holds neither a PEM key nor JWK JSON");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.group(2));
        KeyFactory ec = KeyFactory.getInstance("EC");
        return switch (pem.group(1)) {
            case "PRIVATE KEY" -> {
                ECPrivateKey privateKey = (ECPrivateKey) ec.generatePrivate(new PKCS8EncodedKeySpec(der));
                yield new ECKey.Builder(Curve.forECParameterSpec(privateKey.getParams()), publicOf(privateKey, ec))
                        .privateKey(privateKey)
                        .build();
            }
            case "PUBLIC KEY" -> {
                ECPublicKey publicKey = (ECPublicKey) ec.generatePublic(new X509EncodedKeySpec(der));
                yield new ECKey.Builder(Curve.forECParameterSpec(publicKey.getParams()), publicKey).build();
            }
            default ->
                throw new SigningKeyUnavailable(source + " holds a PEM " + pem.group(1)
                        + "; use a PKCS#8 PRIVATE KEY (openssl genpkey) or a PUBLIC KEY");
        };
    }

    /** Q = d·G: PKCS#8 may omit the public point, and the JDK does not derive it. */
    private static ECPublicKey publicOf(ECPrivateKey privateKey, KeyFactory ec) throws GeneralSecurityException {
        if (!Curve.P_256.equals(Curve.forECParameterSpec(privateKey.getParams()))) {
            throw new IllegalArgumentException("not P-256");
        }
        var q = ECNamedCurveTable.getParameterSpec("secp256r1")
                .getG()
                .multiply(privateKey.getS())
                .normalize();
        BigInteger x = q.getAffineXCoord().toBigInteger();
        BigInteger y = q.getAffineYCoord().toBigInteger();
        return (ECPublicKey) ec.generatePublic(new ECPublicKeySpec(new ECPoint(x, y), privateKey.getParams()));
    }
}
