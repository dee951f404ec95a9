package com.gopherpay.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** One line naming the machine a result came from. */
final class MachineInfo {

    private MachineInfo() {}

    static String describe() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst()
                    .orElse(cpu);
        } catch (IOException e) {
            // Not Linux: the core count and JVM still say enough.
        }
        return String.format(
                "# %s | %d cores (%s) | %d MiB max heap | Java %s %s | %s",
                Instant.now(),
                Runtime.getRuntime().availableProcessors(),
                cpu,
                Runtime.getRuntime().maxMemory() / (1024 * 1024),
                System.getProperty("java.version"),
                System.getProperty("java.vm.name"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"));
    }
}
