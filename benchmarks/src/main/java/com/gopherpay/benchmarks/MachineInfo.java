package com.gopherpay.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The lines that say where a result came from, printed first by every benchmark and carried by every chart, so that
 * figures from different machines, JDKs or hashers are never compared by accident.
 */
final class MachineInfo {

    private MachineInfo() {}

    /** The date, CPU model, cores, heap, JDK and operating system. */
    static String describe() {
        return String.format(
                "# %s | %d cores (%s) | %d MiB max heap | Java %s %s | %s",
                Instant.now().truncatedTo(ChronoUnit.SECONDS),
                Runtime.getRuntime().availableProcessors(),
                cpuModel(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024),
                System.getProperty("java.version"),
                System.getProperty("java.vm.name"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"));
    }

    /** The Argon2id implementation and parameters a run hashes with (the service's defaults, as the probe uses). */
    static String hasher(String implementation) {
        return hashers(List.of(implementation));
    }

    /** {@link #hasher} for a run that compares several implementations, such as java vs native. */
    static String hashers(Collection<String> implementations) {
        return String.format(
                "# Argon2id %s | m=%d KiB, t=%d, p=%d",
                implementations.stream().map(MachineInfo::library).collect(Collectors.joining(" vs ")),
                Argon2Probe.MEMORY_KIB,
                Argon2Probe.ITERATIONS,
                Argon2Probe.PARALLELISM);
    }

    private static String library(String implementation) {
        return switch (implementation) {
            case "native" -> "native (libargon2, the reference C implementation, through argon2-jvm)";
            case "java" -> "java (Bouncy Castle, pure Java)";
            default -> implementation + " (the service's choice)";
        };
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst()
                    .orElse("unknown CPU");
        } catch (IOException e) {
            // Not Linux: the core count and JVM still say enough.
            return "unknown CPU";
        }
    }
}
