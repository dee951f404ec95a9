package com.gopherpay.localstack.process;

import com.gopherpay.localstack.StartupFailed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A part of the stack running in a JVM of its own (the two Spring Boot services, the Connect worker), so that their
 * classpaths never meet. Output goes to a log file; stop sends SIGTERM and waits for a clean exit.
 */
public final class JavaProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JavaProcess.class);
    private static final Duration GRACE = Duration.ofSeconds(20);

    private final String name;
    private final Process process;
    private final Path logFile;
    private final SharedArchive archive;

    private JavaProcess(String name, Process process, Path logFile, SharedArchive archive) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.archive = archive;
    }

    /**
     * Starts {@code java <jvmOptions> <arguments>} with this JVM's own {@code java} binary.
     *
     * @param environment added to the inherited environment
     */
    public static JavaProcess start(
            String name,
            List<String> jvmOptions,
            List<String> arguments,
            Map<String, String> environment,
            Path logFile) {
        return start(name, new JvmLaunch(jvmOptions, List.of(), SharedArchive.none()), arguments, environment, logFile);
    }

    /**
     * Starts {@code java <launch> <arguments>} with this JVM's own {@code java} binary: the launch's options, its
     * class data archive's and its jar or class path, then the main class (if any) and the program's arguments.
     *
     * @param environment added to the inherited environment
     */
    public static JavaProcess start(
            String name, JvmLaunch launch, List<String> arguments, Map<String, String> environment, Path logFile) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(launch.commandLine());
        command.addAll(arguments);
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            log.debug("{} started as pid {}", name, process.pid());
            return new JavaProcess(name, process, logFile, launch.archive());
        } catch (IOException e) {
            throw new StartupFailed(name + " could not be launched: " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** CPU time the process has used so far (user and system), when the operating system tells. */
    public Optional<Duration> cpuTime() {
        return process.toHandle().info().totalCpuDuration();
    }

    /**
     * For the start-up log, once the process is ready: the CPU it used to get there and whether it runs with a class
     * data archive (an archive it did not use is deleted here, see {@link SharedArchive#checkUsed()}).
     */
    public String startupReport() {
        archive.checkUsed();
        String cpu = cpuTime()
                .map(t -> String.format("%.1f s of CPU", t.toMillis() / 1000.0))
                .orElse("CPU time unknown");
        return cpu + ", " + archive.describe();
    }

    /** Fails with the one-line reason when the process has already exited. */
    public void requireAlive() {
        if (!process.isAlive()) {
            throw new StartupFailed(name + " exited with code " + process.exitValue() + " (see " + logFile + ")");
        }
    }

    /**
     * SIGTERM, then up to 20 s for a clean shutdown, then SIGKILL for the process and anything it started. A class data
     * archive the process recorded at a clean exit is kept for the next start.
     */
    @Override
    public void close() {
        boolean killed = false;
        if (process.isAlive()) {
            List<ProcessHandle> descendants = process.descendants().toList();
            process.destroy();
            try {
                if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("{} did not stop within {} s; killing it", name, GRACE.toSeconds());
                    killed = true;
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                killed = true;
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            descendants.forEach(ProcessHandle::destroyForcibly);
        }
        archive.exited(process.isAlive() ? -1 : process.exitValue(), killed);
    }
}
