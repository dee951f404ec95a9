package com.gopherpay.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LocalStackTest {

    @Test
    void aStackClosedBeforeItStartsStartsNothingAndDeletesItsThrowAwayData() {
        LocalStackOptions options = LocalStackOptions.forTests();
        LocalStack stack = new LocalStack();

        stack.close(); // a Ctrl-C that arrives before the start gets going
        assertThatThrownBy(() -> stack.startAll(options))
                .isInstanceOf(StartupFailed.class)
                .hasMessage("The local stack was stopped before every part had started");

        assertThat(stack.processIds()).containsOnlyKeys("launcher (PostgreSQL client, Kafka, SMTP)");
        assertThat(options.dataDirectory()).doesNotExist();
    }
}
