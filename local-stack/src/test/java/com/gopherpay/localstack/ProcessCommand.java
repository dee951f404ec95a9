package com.gopherpay.localstack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command line of one of the stack's JVMs, read before it is killed, so that the test can start it again as a
 * supervisor (systemd, Kubernetes) would: same program, same arguments, same environment. Never printed: the
 * arguments name key files and digests.
 */
record ProcessCommand(List<String> command) {

    ProcessCommand {
        command = List.copyOf(command);
    }

    static ProcessCommand of(ProcessHandle process) {
        List<String> command = new ArrayList<>();
        command.add(process.info().command().orElseThrow(() -> new AssertionError("no command of " + process.pid())));
        command.addAll(List.of(
                process.info().arguments().orElseThrow(() -> new AssertionError("no arguments of " + process.pid()))));
        return new ProcessCommand(command);
    }

    /** Whether the command line has exactly this argument. */
    boolean hasArgument(String argument) {
        return command.contains(argument);
    }

    /** Starts the command again with {@code environment} added to this JVM's, its output to {@code log}. */
    Process start(Map<String, String> environment, Path log) throws IOException {
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }
}
