package com.gopherpay.benchmarks.chart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NiceScaleTest {

    @Test
    void roundsTheMaximumUpToAStepOfOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(NiceScale.covering(144, 8)).isEqualTo(new NiceScale(160, 20));
        assertThat(NiceScale.covering(97, 8)).isEqualTo(new NiceScale(100, 20));
        assertThat(NiceScale.covering(0.9, 8)).isEqualTo(new NiceScale(1.0, 0.2));
        assertThat(NiceScale.covering(21_776, 10)).isEqualTo(new NiceScale(22_500, 2_500));
    }

    @Test
    void aValueOnATickNeedsNoExtraStep() {
        assertThat(NiceScale.covering(100, 10)).isEqualTo(new NiceScale(100, 10));
    }

    @Test
    void nothingToShowStillGivesAUsableAxis() {
        assertThat(NiceScale.covering(0, 8).max()).isPositive();
        assertThat(NiceScale.covering(Double.NaN, 8).max()).isPositive();
    }

    @Test
    void ticksRunFromZeroToTheMaximum() {
        assertThat(NiceScale.covering(0.9, 8).ticks()).hasSize(6).first().isEqualTo(0.0);
        assertThat(NiceScale.covering(144, 8).ticks())
                .containsExactly(0.0, 20.0, 40.0, 60.0, 80.0, 100.0, 120.0, 140.0, 160.0);
    }

    @Test
    void labelsCarryNoFloatingPointNoise() {
        assertThat(NiceScale.label(3 * 0.1)).isEqualTo("0.3");
        assertThat(NiceScale.label(2500.0)).isEqualTo("2500");
        assertThat(NiceScale.label(0)).isEqualTo("0");
    }
}
