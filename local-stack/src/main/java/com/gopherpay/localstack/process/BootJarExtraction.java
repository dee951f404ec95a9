package com.gopherpay.localstack.process;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.io.FileUtils;

/**
 * Extracts a Spring Boot executable jar with Spring Boot's own tool ({@code java -Djarmode=tools -jar app.jar extract}):
 * the application's classes in {@code <destination>/<jar name>}, whose manifest lists the libraries in {@code
 * lib/}. Classes from there can be archived for class data sharing; classes inside nested jars cannot.
 */
final class BootJarExtraction {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private BootJarExtraction() {}

    /**
     * Extracts into a directory of its own, then moves it to {@code destination} in one step, so that a concurrent
     * start never sees half an extraction; when another start got there first, its copy is kept.
     */
    static void extract(Path executableJar, Path destination) throws IOException {
        Path work = destination.resolveSibling(destination.getFileName() + ".extracting-"
                + ProcessHandle.current().pid());
        FileUtils.deleteQuietly(work.toFile());
        Files.createDirectories(work.getParent());
        Path output = destination.resolveSibling(destination.getFileName() + ".extract.log");
        Process tool = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Djarmode=tools",
                        "-jar",
                        executableJar.toString(),
                        "extract",
                        "--destination",
                        work.toString()))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            if (!tool.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                tool.destroyForcibly();
                throw new IOException(
                        "extracting " + executableJar.getFileName() + " took over " + TIMEOUT.toSeconds() + " s");
            }
            if (tool.exitValue() != 0 || !Files.isRegularFile(work.resolve(executableJar.getFileName()))) {
                throw new IOException("extracting " + executableJar.getFileName() + " failed with exit code "
                        + tool.exitValue() + " (see " + output + ")");
            }
            Files.move(work, destination, StandardCopyOption.ATOMIC_MOVE);
            Files.deleteIfExists(output);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            // Extracted by a concurrent start meanwhile: the same jar, so its copy is as good as this one.
        } catch (InterruptedException e) {
            tool.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while extracting " + executableJar.getFileName());
        } finally {
            FileUtils.deleteQuietly(work.toFile());
        }
    }
}
