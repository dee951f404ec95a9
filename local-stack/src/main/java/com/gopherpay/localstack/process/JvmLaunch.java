package com.gopherpay.localstack.process;

import java.util.ArrayList;
import java.util.List;

/**
 * How one child JVM is started: its options, what it runs ({@code -jar <jar>} or {@code -cp <class path>}), and its
 * class data archive, which is {@link SharedArchive#none()} when the JVM runs without one.
 */
public record JvmLaunch(List<String> options, List<String> target, SharedArchive archive) {

    public JvmLaunch {
        options = List.copyOf(options);
        target = List.copyOf(target);
    }

    /** {@code java <options> -jar <jar>}, without a class data archive of its own. */
    public static JvmLaunch jar(List<String> options, String jar) {
        return new JvmLaunch(options, List.of("-jar", jar), SharedArchive.none());
    }

    /** {@code java <options> -cp <classpath>}, without a class data archive of its own. */
    public static JvmLaunch classPath(List<String> options, String classpath) {
        return new JvmLaunch(options, List.of("-cp", classpath), SharedArchive.none());
    }

    /** The JVM's part of the command line: its options, the archive's options, then the jar or class path. */
    List<String> commandLine() {
        List<String> command = new ArrayList<>(options);
        command.addAll(archive.jvmOptions());
        command.addAll(target);
        return command;
    }
}
