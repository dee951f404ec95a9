package com.gopherpay.localstack.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads what a JDK 17 JVM logged about class data sharing ({@code -Xlog:cds=info}): HotSpot logs the regions of the
 * dynamic (top) archive it mapped, and why it does not use an archive, prefixed {@code UseSharedSpaces:}, carrying on
 * without it.
 */
final class CdsLog {

    private static final String REFUSAL = "UseSharedSpaces:";
    private static final String MAPPED = "Mapped dynamic region";

    private CdsLog() {}

    /** The JVM's reason for not using the dynamic archive; empty when it used it, or left no log to tell. */
    static Optional<String> refusal(Path log) {
        List<String> lines;
        try {
            lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.contains(REFUSAL)) {
                String reason =
                        line.substring(line.indexOf(REFUSAL) + REFUSAL.length()).strip();
                // "Unable to use shared archive." alone: HotSpot gives the why on the next line.
                if (reason.startsWith("Unable to use") && i + 1 < lines.size()) {
                    reason = reason + " " + lines.get(i + 1).strip();
                }
                return Optional.of(reason);
            }
        }
        if (lines.stream().noneMatch(line -> line.contains(MAPPED))) {
            return Optional.of("it was not mapped");
        }
        return Optional.empty();
    }
}
