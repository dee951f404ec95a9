package com.gopherpay.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.io.FileUtils;

/**
 * The directory the stack keeps its data in between runs. A marker file claims it on first use, so that
 * {@code --fresh} never empties a directory the stack did not create (say {@code GOPHERPAY_DATA_DIR=$HOME}), and even
 * then deletes only the entries the stack writes.
 */
final class DataDirectory {

    /** The file that marks a directory as the stack's own. */
    static final String MARKER = ".gopherpay-local-stack";

    /** Every entry the stack writes into its data directory: all that {@code --fresh} deletes. */
    static final List<String> OWN_ENTRIES = List.of(
            "postgres",
            "kafka",
            "connect",
            "kafka-cluster",
            "connect-cluster",
            "logs",
            "notification-api-key",
            DevSigningKey.FILE);

    /** Present in data directories written before the marker existed, which are adopted. */
    private static final String PRE_MARKER_SIGN = "notification-api-key";

    private DataDirectory() {}

    /**
     * Claims {@code directory} (creating it when missing) and, when {@code fresh}, deletes the stack's own entries in
     * it.
     *
     * @throws StartupFailed when the directory holds something but is not the stack's
     */
    static Path prepare(Path directory, boolean fresh) {
        try {
            if (!isEmptyOrMissing(directory)
                    && !Files.exists(directory.resolve(MARKER))
                    && !Files.exists(directory.resolve(PRE_MARKER_SIGN))) {
                throw new StartupFailed(directory + " is not empty and holds no " + MARKER + " file, so it is not a "
                        + "local-stack data directory; set GOPHERPAY_DATA_DIR to a new or empty directory");
            }
            Files.createDirectories(directory);
            if (fresh) {
                for (String entry : OWN_ENTRIES) {
                    Path path = directory.resolve(entry);
                    if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                        FileUtils.forceDelete(path.toFile());
                    }
                }
            }
            Files.writeString(
                    directory.resolve(MARKER),
                    "The GopherPay local stack keeps its data here; its --fresh option empties this directory.\n");
            Files.createDirectories(directory.resolve("logs"));
            return directory;
        } catch (IOException e) {
            throw new StartupFailed("Cannot use data directory " + directory + ": " + e.getMessage(), e);
        }
    }

    private static boolean isEmptyOrMissing(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return true;
        }
        if (!Files.isDirectory(directory)) {
            throw new StartupFailed(directory + " is not a directory; set GOPHERPAY_DATA_DIR to a directory");
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        }
    }
}
