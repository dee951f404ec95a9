package com.gopherpay.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerLogsTest {

    @TempDir
    Path directory;

    @Test
    void countsOutageWarningsPerTaskThreadErrorsAndStackTracesFromTheGivenTimeOn() throws Exception {
        Path log = Files.writeString(directory.resolve("connect-1.log"), """
                10:00:00.000 WARN  [task-thread-sink-0] c.g.n.c.sender.Outage - Novu is unavailable (HTTP 503); retrying
                10:00:00.100 ERROR [task-thread-sink-0] o.a.k.c.runtime.WorkerSinkTask - before the window
                \tat org.example.Before.run(Before.java:1)
                10:00:05.000 WARN  [task-thread-sink-0] c.g.n.c.sender.Outage - Novu is unavailable (HTTP 503); retrying
                10:00:05.200 WARN  [task-thread-sink-2] c.g.n.c.sender.Outage - Novu is unavailable (HTTP 429); retrying
                10:00:06.000 INFO  [task-thread-sink-0] c.g.n.c.sender.Outage - Novu answers again after 40 s
                10:00:07.000 ERROR [task-thread-sink-2] o.a.k.c.runtime.WorkerSinkTask - Task threw an uncaught exception
                org.apache.kafka.connect.errors.RetriableException: budget used up
                \tat org.example.Task.put(Task.java:10)
                Caused by: java.io.IOException: closed
                \tat org.example.Client.send(Client.java:20)
                10:00:08.000 WARN  [task-thread-sink-2] c.g.n.c.sender.Outage - Novu is unavailable (HTTP 503); retrying
                """);

        WorkerLogs logs = WorkerLogs.read(List.of(log), LocalTime.parse("10:00:05"));

        assertThat(logs.outageWarningsByThread()).isEqualTo(Map.of("task-thread-sink-0", 1L, "task-thread-sink-2", 2L));
        assertThat(logs.errors())
                .containsExactly(
                        "[task-thread-sink-2] o.a.k.c.runtime.WorkerSinkTask - Task threw an" + " uncaught exception");
        assertThat(logs.stackTraceLines()).isEqualTo(3);
    }
}
