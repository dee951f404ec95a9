package com.gopherpay.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.gopherpay.benchmarks.chart.LineChart;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsTest {

    @Test
    void theResultFileStartsWithTheMachineLineAndTheLabelAndHoldsEverythingPrinted(@TempDir Path directory)
            throws Exception {
        PrintStream console = System.out;
        Path out = directory.resolve("run");
        try (Results results = Results.open(out.toString(), "registration", "# machine line", "smoke run")) {
            System.out.println("throughput 63.9 registrations/s");
            assertThat(results.subtitle("# Argon2id native"))
                    .containsExactly("# machine line", "# smoke run", "# Argon2id native");
            results.chart("throughput.svg", new LineChart("t", results.subtitle(), "x", "y"));
        }

        assertThat(System.out).isSameAs(console);
        List<String> lines = Files.readAllLines(out.resolve(Results.TEXT_FILE));
        assertThat(lines.get(0)).isEqualTo("# machine line");
        assertThat(lines.get(1)).isEqualTo("# smoke run");
        assertThat(lines).contains("throughput 63.9 registrations/s");
        assertThat(lines.get(lines.size() - 1)).startsWith("results in ");
        assertThat(Files.readString(out.resolve("throughput.svg"))).contains("# machine line", "# smoke run");
    }

    @Test
    void withoutOutItWritesToANewTimestampedDirectoryUnderTheResultsDirectory(@TempDir Path directory) {
        String previous = System.getProperty(Results.DIRECTORY_PROPERTY);
        System.setProperty(Results.DIRECTORY_PROPERTY, directory.toString());
        Path written;
        try (Results results = Results.open(null, "sign-in", "# machine line", null)) {
            written = results.directory();
            assertThat(results.subtitle()).containsExactly("# machine line");
        } finally {
            if (previous == null) {
                System.clearProperty(Results.DIRECTORY_PROPERTY);
            } else {
                System.setProperty(Results.DIRECTORY_PROPERTY, previous);
            }
        }

        assertThat(written.getParent()).isEqualTo(directory.toAbsolutePath());
        assertThat(written.getFileName().toString()).matches("sign-in-\\d{8}-\\d{6}Z");
        assertThat(written.resolve(Results.TEXT_FILE)).exists();
    }
}
