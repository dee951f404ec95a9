package com.gopherpay.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/** CPU time and resident memory of processes, read from the operating system. */
final class ProcessStats {

    private ProcessStats() {}

    /** VmRSS of the process in MiB, 0 where it cannot be read. */
    static long residentMiB(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024)
                    .findFirst()
                    .orElse(0L);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * Proportional set size (Pss in {@code /proc/<pid>/smaps_rollup}) in MiB: resident memory with shared pages divided
     * among the processes sharing them, so summing it over PostgreSQL's backends does not count its shared buffers
     * once per backend, as summing VmRSS does.
     */
    static long proportionalMiB(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "smaps_rollup")).stream()
                    .filter(line -> line.startsWith("Pss:"))
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024)
                    .findFirst()
                    .orElse(0L);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Proportional memory of the process and every process it started, in MiB. */
    static long proportionalMiBWithDescendants(long pid) {
        return proportionalMiB(pid)
                + ProcessHandle.of(pid).stream()
                        .flatMap(ProcessHandle::descendants)
                        .mapToLong(child -> proportionalMiB(child.pid()))
                        .sum();
    }

    /** Resident memory of the processes and every process they started (PostgreSQL backends, …). */
    static long residentMiBWithDescendants(Collection<Long> pids) {
        return pids.stream()
                .distinct()
                .mapToLong(pid -> residentMiB(pid)
                        + ProcessHandle.of(pid).stream()
                                .flatMap(ProcessHandle::descendants)
                                .mapToLong(child -> residentMiB(child.pid()))
                                .sum())
                .sum();
    }
}
