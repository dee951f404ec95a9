package com.gopherpay.embedded.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestServersCleanupTest {

    @TempDir
    Path temporaryDirectory;

    @Test
    void removesTheDataDirectoriesOfTestServersWhenTheJvmExits() throws Exception {
        ProcessBuilder child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Djava.io.tmpdir=" + temporaryDirectory,
                        "-cp",
                        System.getProperty("java.class.path"),
                        TestServersInAChildJvm.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(temporaryDirectory.resolve("child.log").toFile());
        child.environment().remove(TestDatabases.SERVER_URL_VARIABLE); // the embedded PostgreSQL, not CI's server
        Process process = child.start();
        try {
            assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        String log = Files.readString(temporaryDirectory.resolve("child.log"), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(log).isZero();
        assertThat(log).contains("test servers started");
        try (Stream<Path> left = Files.list(temporaryDirectory)) {
            assertThat(left.map(path -> path.getFileName().toString()))
                    .as("test server data directories left behind in %s", temporaryDirectory)
                    .noneMatch(name -> name.startsWith("gopherpay-test-"));
        }
    }
}
