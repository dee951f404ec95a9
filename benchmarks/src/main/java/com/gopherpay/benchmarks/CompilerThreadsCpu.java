package com.gopherpay.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * CPU time a JVM's JIT compiler threads ({@code C1 CompilerThread…}, {@code C2 CompilerThread…}) have used, read from
 * {@code /proc/<pid>/task/*}: a profile of the notification benchmark found a third of the service's CPU in its
 * measured window spent compiling, which a reader of "CPU per email" should be able to tell apart from the cost of
 * the work itself. Zero where there is no {@code /proc} (not Linux).
 */
final class CompilerThreadsCpu {

    /** Linux reports thread times in clock ticks of USER_HZ, which is 100 on every common configuration. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private CompilerThreadsCpu() {}

    static Duration of(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        if (!Files.isDirectory(tasks)) {
            return Duration.ZERO;
        }
        long ticks = 0;
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                ticks += compilerTicks(thread);
            }
        } catch (IOException e) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(ticks * NANOS_PER_TICK);
    }

    /** utime + stime of the thread if it is a compiler thread, else 0 (also when it ended meanwhile). */
    static long compilerTicks(Path thread) {
        try {
            String stat = Files.readString(thread.resolve("stat"));
            int open = stat.indexOf('(');
            int close = stat.lastIndexOf(')');
            String name = stat.substring(open + 1, close);
            if (!(name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre"))) {
                return 0;
            }
            // After the name: state (field 3) … utime (14), stime (15).
            String[] fields = stat.substring(close + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
