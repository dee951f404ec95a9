package com.gopherpay.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class LocalStackMainTest {

    @Test
    void showsAStartupFailureAsItIsWritten() {
        StartupFailed failure =
                new StartupFailed("Port 8080 (identity-service) is already in use", new IOException("bind"));

        assertThat(LocalStackMain.oneLineReason(failure)).isEqualTo("Port 8080 (identity-service) is already in use");
    }

    @Test
    void addsTheRootCauseOfAnyOtherFailureOnOneLine() {
        IllegalStateException failure = new IllegalStateException(
                "Kafka broker on 127.0.0.1:9092 did not become ready",
                new RuntimeException("wrapped", new IOException("Timed out\n  waiting for a node")));

        assertThat(LocalStackMain.oneLineReason(failure))
                .isEqualTo("Kafka broker on 127.0.0.1:9092 did not become ready: Timed out waiting for a node");
    }

    @Test
    void doesNotRepeatARootCauseTheMessageAlreadyNames() {
        UncheckedIOException failure = new UncheckedIOException(
                "Cannot create /data: Permission denied", new IOException("Permission denied"));

        assertThat(LocalStackMain.oneLineReason(failure)).isEqualTo("Cannot create /data: Permission denied");
    }
}
