package com.gopherpay.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * identity-service's access-token signing key for the local stack: a P-256 private key (PEM PKCS#8), generated into
 * the data directory on first start and kept there (owner-only), so tokens survive restarts of the stack. Outside
 * the local stack the key is configured (see docs/sign-in.md); the service refuses to start without one.
 */
final class DevSigningKey {

    /** The key's file name in the data directory. */
    static final String FILE = "identity-signing-key.pem";

    private DevSigningKey() {}

    /** The key file, created with a new key when missing. */
    static Path loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return file;
            }
            Files.createDirectories(file.getParent());
            byte[] pem = pem(newKey()).getBytes(StandardCharsets.US_ASCII);
            try {
                // Created owner-only, so the key is never readable by others, not even for a moment.
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file); // not a POSIX file system: the directory's default permissions
            } catch (FileAlreadyExistsException e) {
                return file;
            }
            Files.write(file, pem, StandardOpenOption.TRUNCATE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new StartupFailed("Cannot read or write the token signing key " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            return generator.generateKeyPair().getPrivate().getEncoded(); // PKCS#8
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java platform can generate P-256 keys", e);
        }
    }

    private static String pem(byte[] pkcs8) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(pkcs8);
        return "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n";
    }
}
