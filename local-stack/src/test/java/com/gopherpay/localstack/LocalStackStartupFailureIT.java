package com.gopherpay.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackStartupFailureIT {

    @TempDir
    Path dataDirectory;

    @Test
    void aPortInUseGivesOneLineAndANonZeroExit() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                LaunchedStack stack =
                        LaunchedStack.launch(Map.of("IDENTITY_PORT", String.valueOf(taken.getLocalPort())))) {
            assertThat(stack.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(stack.process.exitValue()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(5)).until(() -> !stack.output.isEmpty());
            assertThat(stack.outputText().strip())
                    .isEqualTo("local-stack: Port " + taken.getLocalPort()
                            + " (identity-service) is already in use; set IDENTITY_PORT to a free port");
        }
    }

    @Test
    void anUnknownOptionIsRefusedWithUsage() throws Exception {
        try (LaunchedStack stack = LaunchedStack.launch(Map.of(), "--frsh")) {
            assertThat(stack.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(stack.process.exitValue()).isEqualTo(2);
            await().atMost(Duration.ofSeconds(5)).until(() -> stack.outputText().contains("Usage"));
            assertThat(stack.outputText()).startsWith("local-stack: unknown option --frsh");
        }
    }

    @Test
    void aPartFailingAfterOthersStartedGivesOneLineAndLeavesNoProcess() throws Exception {
        // Kafka data written by another node: PostgreSQL is already running when the broker refuses to start.
        Files.writeString(dataDirectory.resolve(DataDirectory.MARKER), "");
        Files.createDirectories(dataDirectory.resolve("kafka"));
        Files.writeString(
                dataDirectory.resolve("kafka/meta.properties"),
                "version=1\nnode.id=7\ncluster.id=J6Wq5jfdRnCyKAcJEE2ZCA\ndirectory.id=x4q3-pK2RmeUl9YvqPXAJQ\n");

        try (LaunchedStack stack = LaunchedStack.launch(Map.of("GOPHERPAY_DATA_DIR", dataDirectory.toString()))) {
            assertThat(stack.process.waitFor(120, TimeUnit.SECONDS))
                    .as("the launcher exits")
                    .isTrue();
            assertThat(stack.process.exitValue()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(5)).until(() -> stack.outputText().contains("local-stack: "));
            List<String> lines = List.copyOf(stack.output);
            assertThat(lines)
                    .as("one reason, no stack trace")
                    .filteredOn(line -> line.startsWith("local-stack: "))
                    .singleElement()
                    .asString()
                    .contains("Stored node id 7 doesn't match");
            assertThat(lines).noneMatch(line -> line.contains("Exception") || line.startsWith("\tat "));
            assertThat(stack.ran("postgres"))
                    .as("PostgreSQL ran before Kafka failed")
                    .isTrue();
            await("PostgreSQL stopped")
                    .atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(stack.survivors()).isEmpty());
        }
    }

    @Test
    void sigtermWhileStartingStopsEveryPartStartedSoFar() throws Exception {
        try (LaunchedStack stack = LaunchedStack.launch(Map.of(), "--fresh")) {
            await("notification-service launched, after PostgreSQL and Kafka, once Connect was launched")
                    .atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        assertThat(stack.process.isAlive())
                                .as("the stack runs: %s", stack.output)
                                .isTrue();
                        return stack.runs("notification-service.jar");
                    });
            // The launcher's processes are recorded by a watcher every 100 ms: wait until it has seen the ones that
            // must be stopped, so that the check after SIGTERM covers them (the parts start in parallel).
            await("Connect and PostgreSQL recorded as running")
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> assertThat(stack.survivors())
                            .anyMatch(process -> process.contains("ConnectStandalone"))
                            .anyMatch(process -> process.contains("postgres")));

            assertThat(stack.stop()).as("exit code after SIGTERM").isIn(0, 143);

            await("every process of the stack gone")
                    .atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(stack.survivors()).isEmpty());
            assertThat(stack.outputText())
                    .doesNotContain("GopherPay Identity is running")
                    .doesNotContain("Exception");
        }
    }
}
