package com.gopherpay.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class LocalStackStartupFailureIT {

    @Test
    void aPortInUseGivesOneLineAndANonZeroExit() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                LaunchedStack stack =
                        LaunchedStack.launch(Map.of("IDENTITY_PORT", String.valueOf(taken.getLocalPort())))) {
            assertThat(stack.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(stack.process.exitValue()).isEqualTo(1);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !stack.output.isEmpty());
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
            Awaitility.await()
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> stack.outputText().contains("Usage"));
            assertThat(stack.outputText()).startsWith("local-stack: unknown option --frsh");
        }
    }
}
