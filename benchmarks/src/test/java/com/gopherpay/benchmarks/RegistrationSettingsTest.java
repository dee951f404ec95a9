package com.gopherpay.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.data.Offset.offset;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RegistrationSettingsTest {

    private static RegistrationSettings parse(String... args) {
        String[] withName = new String[args.length + 1];
        withName[0] = "registration";
        System.arraycopy(args, 0, withName, 1, args.length);
        return RegistrationSettings.of(Options.parse(withName));
    }

    @Test
    void byDefaultRunsBothHashersAndAnOpenLoopAtEightyPercentOfTheMeasuredCapacity() {
        RegistrationSettings settings = parse();

        assertThat(settings.hashers()).containsExactly("java", "native");
        assertThat(settings.openLoop()).isTrue();
        assertThat(settings.openRate(60)).isCloseTo(48, offset(1e-9));
        assertThat(settings.openDuration()).isEqualTo(settings.duration());
        assertThat(settings.openLabel()).isEqualTo("80 % of capacity");
    }

    @Test
    void aFixedRateReplacesTheFraction() {
        RegistrationSettings settings = parse("--rate", "26.5", "--open-duration", "30s");

        assertThat(settings.openRate(60)).isEqualTo(26.5);
        assertThat(settings.openDuration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.openLabel()).isEqualTo("26.5/s");
    }

    @Test
    void aZeroFractionSkipsTheOpenLoop() {
        assertThat(parse("--rate-fraction", "0").openLoop()).isFalse();
    }

    @Test
    void rejectsValuesItCannotUse() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> parse("--rate-fraction", "eighty"))
                .withMessageContaining("--rate-fraction");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> parse("--rate-fraction", "-1"))
                .withMessageContaining("--rate-fraction");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> parse("--hasher", "c"))
                .withMessageContaining("--hasher");
    }
}
