package com.gopherpay.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The notification API key shared by the local Connect worker and notification-service: random per data directory,
 * kept in a file only the owner can read; the service is given only its SHA-256.
 */
final class DevApiKey {

    private DevApiKey() {}

    static String loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String key = HexFormat.of().formatHex(random);
            Files.createDirectories(file.getParent());
            Files.writeString(file, key);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the file keeps the directory's default permissions.
            }
            return key;
        } catch (IOException e) {
            throw new StartupFailed("Cannot read or write the dev API key " + file + ": " + e.getMessage(), e);
        }
    }

    static String sha256Hex(String key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
