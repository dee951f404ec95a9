package com.gopherpay.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the Connect workers logged from a point in time on ({@code connect-logback.xml}'s pattern: {@code HH:mm:ss.SSS
 * LEVEL [thread] logger - message}, stack trace lines without a time of their own): the connector's outage WARNs by
 * task thread, ERROR lines and stack trace lines.
 */
final class WorkerLogs {

    private static final Pattern LINE =
            Pattern.compile("^(\\d{2}:\\d{2}:\\d{2}\\.\\d{3}) (\\w+)\\s+\\[([^\\]]+)\\] (.*)$");
    /** The connector's one line when an outage begins (novu-sink-connector's {@code Outage}). */
    private static final String OUTAGE_BEGINS = "Novu is unavailable (";

    private final Map<String, Long> outageWarningsByThread = new TreeMap<>();
    private final List<String> errors = new ArrayList<>();
    private int stackTraceLines;

    private WorkerLogs() {}

    /** The lines of {@code files} logged at or after {@code from} (same day, the JVMs' time zone). */
    static WorkerLogs read(List<Path> files, LocalTime from) throws IOException {
        WorkerLogs logs = new WorkerLogs();
        for (Path file : files) {
            boolean inWindow = false;
            for (String line : Files.readAllLines(file)) {
                Matcher logged = LINE.matcher(line);
                if (logged.matches()) {
                    inWindow = !time(logged.group(1)).isBefore(from);
                    if (inWindow) {
                        logs.add(logged.group(2), logged.group(3), logged.group(4));
                    }
                } else if (inWindow && (line.startsWith("\tat ") || line.startsWith("Caused by: "))) {
                    logs.stackTraceLines++;
                }
            }
        }
        return logs;
    }

    private void add(String level, String thread, String message) {
        if (level.equals("WARN") && message.contains(OUTAGE_BEGINS)) {
            outageWarningsByThread.merge(thread, 1L, Long::sum);
        } else if (level.equals("ERROR")) {
            errors.add("[" + thread + "] " + message);
        }
    }

    private static LocalTime time(String text) {
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            return LocalTime.MIN;
        }
    }

    /** The connector's "Novu is unavailable" WARNs, by thread (one thread per task). */
    Map<String, Long> outageWarningsByThread() {
        return outageWarningsByThread;
    }

    List<String> errors() {
        return errors;
    }

    int stackTraceLines() {
        return stackTraceLines;
    }
}
