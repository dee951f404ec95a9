package com.gopherpay.benchmarks;

import com.gopherpay.benchmarks.chart.Chart;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where one run's results go: {@code result.txt}, a copy of everything the benchmark prints (the machine line first),
 * and its SVG charts, in {@code --out DIR} or {@code benchmarks/target/results/<name>-<timestamp>/}.
 */
final class Results implements AutoCloseable {

    /** The default parent directory; the build sets it to the module's {@code target/results}. */
    static final String DIRECTORY_PROPERTY = "gopherpay.benchmarks.results";

    static final String TEXT_FILE = "result.txt";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss'Z'");

    private final Path directory;
    private final String machine;
    private final String label;
    private final PrintStream console;
    private final OutputStream file;

    private Results(Path directory, String machine, String label, PrintStream console, OutputStream file) {
        this.directory = directory;
        this.machine = machine;
        this.label = label;
        this.console = console;
        this.file = file;
    }

    /**
     * Creates the run's directory and from now on copies {@link System#out} into its {@code result.txt}, starting with
     * {@code machine} and, unless null, {@code label}: what the run was, such as a smoke run on a shared machine.
     */
    static Results open(String out, String benchmark, String machine, String label) {
        Path directory = out != null
                ? Path.of(out)
                : Path.of(System.getProperty(DIRECTORY_PROPERTY, "benchmarks/target/results"))
                        .resolve(benchmark + "-"
                                + ZonedDateTime.now(ZoneOffset.UTC).format(STAMP));
        try {
            Files.createDirectories(directory);
            OutputStream file =
                    new FileOutputStream(directory.resolve(TEXT_FILE).toFile());
            PrintStream console = System.out;
            System.setOut(new PrintStream(new Tee(console, file), true, StandardCharsets.UTF_8));
            System.out.println(machine);
            if (label != null) {
                System.out.println("# " + label);
            }
            return new Results(directory.toAbsolutePath(), machine, label, console, file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write results to " + directory, e);
        }
    }

    Path directory() {
        return directory;
    }

    /** The machine line, the first subtitle line of every chart. */
    String machine() {
        return machine;
    }

    /**
     * The subtitle of a chart: the machine line, the run's label if it has one, and what else identifies the run
     * (hasher, parameters, options).
     */
    List<String> subtitle(String... lines) {
        List<String> subtitle = new ArrayList<>();
        subtitle.add(machine);
        if (label != null) {
            subtitle.add("# " + label);
        }
        subtitle.addAll(Arrays.asList(lines));
        return subtitle;
    }

    /** Writes {@code chart} as {@code name} next to the text result, and says so in it. */
    void chart(String name, Chart chart) {
        Path file = directory.resolve(name);
        chart.writeTo(file);
        System.out.println("chart " + file);
    }

    @Override
    public void close() {
        System.out.println("results in " + directory);
        System.out.flush();
        System.setOut(console);
        try {
            file.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot close " + directory.resolve(TEXT_FILE), e);
        }
    }

    /** Writes every byte to the console and to the result file. */
    private static final class Tee extends OutputStream {

        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            first.write(bytes, offset, length);
            second.write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            first.flush();
            second.flush();
        }
    }
}
