package com.gopherpay.benchmarks;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of each started part of the stack by process id: this JVM on its own (its children are the other parts),
 * every other part with its descendants (PostgreSQL's backends are children of the postmaster).
 */
final class ProcessCpu {

    private final Map<String, Map<Long, Duration>> byPart;

    private ProcessCpu(Map<String, Map<Long, Duration>> byPart) {
        this.byPart = byPart;
    }

    /** A snapshot of the parts' CPU; this JVM is listed as {@code selfName}. */
    static ProcessCpu snapshot(Map<String, Long> pids, String selfName) {
        long self = ProcessHandle.current().pid();
        Map<String, Map<Long, Duration>> parts = new LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            Map<Long, Duration> byPid = new HashMap<>();
            ProcessHandle.of(pid).ifPresent(handle -> {
                Stream<ProcessHandle> processes =
                        pid == self ? Stream.of(handle) : Stream.concat(Stream.of(handle), handle.descendants());
                processes.forEach(
                        process -> process.info().totalCpuDuration().ifPresent(cpu -> byPid.put(process.pid(), cpu)));
            });
            parts.put(pid == self ? selfName : name, byPid);
        });
        return new ProcessCpu(parts);
    }

    /**
     * CPU each part used since {@code before}: processes that started in between count whole, processes that ended
     * in between (none expected: the connection pools keep their backends) are lost.
     */
    Map<String, Duration> since(ProcessCpu before) {
        Map<String, Duration> used = new LinkedHashMap<>();
        byPart.forEach((part, byPid) -> {
            Map<Long, Duration> earlier = before.byPart.getOrDefault(part, Map.of());
            Duration sum = Duration.ZERO;
            for (Map.Entry<Long, Duration> process : byPid.entrySet()) {
                sum = sum.plus(process.getValue().minus(earlier.getOrDefault(process.getKey(), Duration.ZERO)));
            }
            used.put(part, sum);
        });
        return used;
    }
}
