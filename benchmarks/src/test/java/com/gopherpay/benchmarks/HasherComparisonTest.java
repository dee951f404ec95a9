package com.gopherpay.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class HasherComparisonTest {

    private static final HashBound JAVA = new HashBound("java", 2, 28.0, 70.0);
    private static final HashBound NATIVE = new HashBound("native", 2, 14.0, 140.0);

    @Test
    void halfTheHashTimeAndTwiceTheThroughputIsTheWholeGain() {
        HasherComparison comparison = new HasherComparison("registration", JAVA, 60.0, NATIVE, 120.0);

        assertThat(comparison.hashGain()).isCloseTo(2.0, offset(1e-9));
        assertThat(comparison.throughputGain()).isCloseTo(2.0, offset(1e-9));
        assertThat(comparison.gainShare()).isCloseTo(1.0, offset(1e-9));
    }

    @Test
    void theIssuesExampleIsExactlyOnTheTarget() {
        // "if one native hash costs half the CPU, registrations/s at least 1.8x"
        HasherComparison comparison = new HasherComparison("registration", JAVA, 50.0, NATIVE, 90.0);

        assertThat(comparison.gainShare()).isCloseTo(HasherComparison.GAIN_TARGET, offset(1e-9));
    }

    @Test
    void nativeThroughputIsComparedWithCoresOverTheNativeSingleHashTime() {
        // 2 cores / 14 ms = 142.9 hashes/s
        HasherComparison comparison = new HasherComparison("sign-in", JAVA, 60.0, NATIVE, 121.4);

        assertThat(NATIVE.bound()).isCloseTo(142.857, offset(0.001));
        assertThat(comparison.nativeBoundShare()).isCloseTo(0.85, offset(0.001));
    }
}
