package com.gopherpay.localstack.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JVM's use of a dynamic class data archive (JDK AppCDS): it maps an archive recorded by an earlier run, or records
 * one into a file of its own when it exits, which becomes the archive only after a clean stop. The JVM itself never
 * fails a start over an archive it cannot use ({@code -Xshare:auto}, the default): it runs without it, and {@link
 * #checkUsed()} then deletes that archive, so that the next start records a new one.
 */
public final class SharedArchive {

    private static final Logger log = LoggerFactory.getLogger(SharedArchive.class);
    private static final SharedArchive NONE = new SharedArchive(Mode.NONE, "", null, null);

    private enum Mode {
        NONE,
        USE,
        RECORD
    }

    private final Mode mode;
    private final String application;
    private final Path archive;
    /** USE: the JVM's CDS log of this run; RECORD: the file the JVM writes at exit. */
    private final Path companion;

    private volatile boolean refused;

    private SharedArchive(Mode mode, String application, Path archive, Path companion) {
        this.mode = mode;
        this.application = application;
        this.archive = archive;
        this.companion = companion;
    }

    /** No archive: the JVM starts with the JDK's own class data only. */
    public static SharedArchive none() {
        return NONE;
    }

    /** Maps {@code archive}; the JVM writes what it thinks of it to {@code cdsLog}. */
    static SharedArchive use(String application, Path archive, Path cdsLog) {
        return new SharedArchive(Mode.USE, application, archive, cdsLog);
    }

    /** Records the classes of this run into {@code recording} at exit; a clean stop turns it into {@code archive}. */
    static SharedArchive record(String application, Path archive, Path recording) {
        return new SharedArchive(Mode.RECORD, application, archive, recording);
    }

    List<String> jvmOptions() {
        return switch (mode) {
            case NONE -> List.of();
            // VerifySharedSpaces: a damaged archive is checked against its checksums and refused; unchecked, JDK 17
            // crashes on one. CDS says why it does not map an archive at info level only: that goes to a file.
            case USE ->
                List.of(
                        "-XX:SharedArchiveFile=" + archive,
                        "-XX:+VerifySharedSpaces",
                        "-Xlog:cds=info:file=" + companion + ":none");
            case RECORD -> List.of("-XX:ArchiveClassesAtExit=" + companion);
        };
    }

    /** A few words for the start-up log: whether this JVM runs with an archive. */
    public String describe() {
        return switch (mode) {
            case NONE -> "no class data archive";
            case USE -> refused ? "class data archive refused" : "class data archive used";
            case RECORD -> "recording a class data archive";
        };
    }

    /**
     * Once the JVM has started: when it did not map the archive (made for another JVM, a class path that changed
     * since, a damaged file), says so in one line and deletes the archive. Never fails.
     */
    public void checkUsed() {
        if (mode != Mode.USE) {
            return;
        }
        Optional<String> reason = CdsLog.refusal(companion);
        if (reason.isPresent()) {
            refused = true;
            log.info(
                    "{}: the JVM did not use its class data archive ({}); deleted, the next start records a new one",
                    application,
                    reason.get());
            deleteQuietly(archive);
            deleteQuietly(lengthFile(archive));
        }
    }

    /**
     * After the JVM exited: the recording of a run that stopped cleanly (exit code 0, or 143 after SIGTERM) becomes
     * the archive for the next start; anything else is deleted. Never fails.
     */
    void exited(int exitCode, boolean killed) {
        if (mode == Mode.USE) {
            deleteQuietly(companion);
        }
        if (mode != Mode.RECORD || !Files.exists(companion)) {
            return;
        }
        try {
            if (!killed && (exitCode == 0 || exitCode == 143) && Files.size(companion) > 0) {
                // The length first: an archive is used only when its length file agrees (a truncated one crashes
                // JDK 17 even with VerifySharedSpaces).
                Files.writeString(lengthFile(archive), String.valueOf(Files.size(companion)));
                Files.move(companion, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                log.info(
                        "{}: class data archive recorded for the next start ({} MiB)",
                        application,
                        Files.size(archive) >> 20);
                return;
            }
        } catch (IOException e) {
            log.info("{}: no class data archive recorded ({})", application, e.getMessage());
        }
        deleteQuietly(companion);
    }

    /** The archive's length as recorded when it was made, beside it. */
    static Path lengthFile(Path archive) {
        return archive.resolveSibling(archive.getFileName() + ".length");
    }

    /** Whether {@code archive} is there whole: its length is the one recorded when it was made. */
    static boolean complete(Path archive) {
        try {
            return Files.isRegularFile(archive)
                    && Long.parseLong(Files.readString(lengthFile(archive)).strip()) == Files.size(archive);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Left behind: the next start sees it as stale or refused again, and the JVM never fails over it.
        }
    }
}
