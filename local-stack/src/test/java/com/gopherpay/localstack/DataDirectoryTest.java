package com.gopherpay.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

    @TempDir
    Path parent;

    @Test
    void claimsANewDirectoryWithTheMarker() {
        Path data = parent.resolve("new/.local-stack");

        DataDirectory.prepare(data, true);

        assertThat(data.resolve(DataDirectory.MARKER)).exists();
        assertThat(data.resolve("logs")).isDirectory();
    }

    @Test
    void freshDeletesOnlyTheStacksOwnEntries() throws Exception {
        Path data = parent.resolve("data");
        DataDirectory.prepare(data, false);
        Files.createDirectories(data.resolve("postgres/base"));
        Files.writeString(data.resolve("postgres/base/1"), "rows");
        Files.createDirectories(data.resolve("kafka"));
        Files.createDirectories(data.resolve("connect/plugins"));
        Files.writeString(data.resolve("logs/identity-service.log"), "log");
        Files.writeString(data.resolve("notification-api-key"), "key");
        Files.writeString(data.resolve("notes.txt"), "not the stack's");

        DataDirectory.prepare(data, true);

        assertThat(data.resolve("postgres")).doesNotExist();
        assertThat(data.resolve("kafka")).doesNotExist();
        assertThat(data.resolve("connect")).doesNotExist();
        assertThat(data.resolve("notification-api-key")).doesNotExist();
        assertThat(data.resolve("logs")).isEmptyDirectory();
        assertThat(data.resolve("notes.txt")).hasContent("not the stack's");
        assertThat(data.resolve(DataDirectory.MARKER)).exists();
    }

    @Test
    void keepsTheDataWithoutFresh() throws Exception {
        Path data = parent.resolve("data");
        DataDirectory.prepare(data, false);
        Files.writeString(data.resolve("notification-api-key"), "key");

        DataDirectory.prepare(data, false);

        assertThat(data.resolve("notification-api-key")).hasContent("key");
    }

    @Test
    void refusesFreshOnADirectoryTheStackDidNotCreate() throws Exception {
        Files.createDirectories(parent.resolve("postgres"));
        Files.writeString(parent.resolve("postgres/thesis.tex"), "years of work");

        assertThatThrownBy(() -> DataDirectory.prepare(parent, true))
                .isInstanceOf(StartupFailed.class)
                .hasMessage(parent + " is not empty and holds no .gopherpay-local-stack file, so it is not a "
                        + "local-stack data directory; set GOPHERPAY_DATA_DIR to a new or empty directory");
        assertThat(parent.resolve("postgres/thesis.tex")).hasContent("years of work");
        assertThat(parent.resolve(DataDirectory.MARKER)).doesNotExist();
    }

    @Test
    void refusesToMoveIntoADirectoryTheStackDidNotCreate() throws Exception {
        Files.writeString(parent.resolve(".bashrc"), "alias ll='ls -l'");

        assertThatThrownBy(() -> DataDirectory.prepare(parent, false)).isInstanceOf(StartupFailed.class);
        assertThat(parent.resolve(DataDirectory.MARKER)).doesNotExist();
        assertThat(parent.resolve("logs")).doesNotExist();
    }

    @Test
    void adoptsADataDirectoryWrittenBeforeTheMarkerExisted() throws Exception {
        Files.writeString(parent.resolve("notification-api-key"), "key");
        Files.createDirectories(parent.resolve("kafka"));

        DataDirectory.prepare(parent, true);

        assertThat(parent.resolve(DataDirectory.MARKER)).exists();
        assertThat(parent.resolve("kafka")).doesNotExist();
    }

    @Test
    void refusesAFileAsDataDirectory() throws Exception {
        Path file = Files.writeString(parent.resolve("data"), "x");

        assertThatThrownBy(() -> DataDirectory.prepare(file, false))
                .isInstanceOf(StartupFailed.class)
                .hasMessageContaining("is not a directory");
    }
}
