package com.gopherpay.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompilerThreadsCpuTest {

    @TempDir
    Path tasks;

    @Test
    void countsUserAndSystemTicksOfCompilerThreadsOnly() throws IOException {
        Path c2 = thread("101", "C2 CompilerThre", 250, 30);
        Path c1 = thread("102", "C1 CompilerThre", 40, 2);
        Path worker = thread("103", "http-nio-1 (x) ", 900, 100);

        assertThat(CompilerThreadsCpu.compilerTicks(c2)).isEqualTo(280);
        assertThat(CompilerThreadsCpu.compilerTicks(c1)).isEqualTo(42);
        assertThat(CompilerThreadsCpu.compilerTicks(worker)).isZero();
        assertThat(CompilerThreadsCpu.compilerTicks(tasks.resolve("gone"))).isZero();
    }

    @Test
    void readsThisJvmsCompilerThreadsOnLinux() {
        long pid = ProcessHandle.current().pid();
        if (Files.isDirectory(Path.of("/proc", Long.toString(pid), "task"))) {
            assertThat(CompilerThreadsCpu.of(pid).isNegative()).isFalse();
        } else {
            assertThat(CompilerThreadsCpu.of(pid)).isZero();
        }
    }

    private Path thread(String tid, String name, long utime, long stime) throws IOException {
        Path thread = Files.createDirectories(tasks.resolve(tid));
        // pid (comm) state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime …
        Files.writeString(
                thread.resolve("stat"),
                tid + " (" + name + ") S 1 1 1 0 -1 4194368 10 0 0 0 " + utime + " " + stime + " 0 0 20 0 30 0\n");
        return thread;
    }
}
