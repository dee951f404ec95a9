package com.gopherpay.identity.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed configuration reference is the one the build generates from the code (the configuration metadata
 * of the settings records, e.g. {@link IdentityProperties}): a property added, renamed or redocumented without regenerating fails here.
 */
class ConfigReferenceDocTest {

    private static final Path GENERATED = Path.of("target/config-reference/identity-service-config.md");
    private static final Path COMMITTED = Path.of("../docs/identity-service-config.md");

    @Test
    void committedReferenceMatchesTheGeneratedOne() throws Exception {
        assertThat(GENERATED)
                .as("the build writes %s at process-classes (exec-maven-plugin)", GENERATED)
                .exists();
        assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
                .as("docs/identity-service-config.md is out of date; regenerate it with "
                        + "./mvnw -B -q -pl identity-service -am process-classes -Dconfig-reference.update")
                .isEqualTo(Files.readString(GENERATED, StandardCharsets.UTF_8));
    }

    @Test
    void everyPropertyHasADescription() throws Exception {
        assertThat(Files.readAllLines(GENERATED, StandardCharsets.UTF_8))
                .filteredOn(line -> line.startsWith("| `identity."))
                .isNotEmpty()
                .noneMatch(line -> line.endsWith("| — |"));
    }
}
