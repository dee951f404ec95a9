package com.gopherpay.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.gopherpay.benchmarks.chart.Point;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimelineTest {

    @Test
    void countsEventsInTheSecondTheyHappened() {
        Timeline timeline = new Timeline();
        timeline.record(Duration.ofMillis(100));
        timeline.record(Duration.ofMillis(999));
        timeline.record(Duration.ofMillis(1000));
        timeline.record(Duration.ofMillis(2500));
        timeline.record(Duration.ofMillis(2600));
        timeline.record(Duration.ofMillis(2700));

        assertThat(timeline.perSecond(Duration.ofSeconds(3))).containsExactly(2, 1, 3);
    }

    @Test
    void leavesOutTheLastPartialSecondAndSecondsAfterTheWindow() {
        Timeline timeline = new Timeline();
        timeline.record(Duration.ofMillis(500));
        timeline.record(Duration.ofMillis(2100));

        assertThat(timeline.perSecond(Duration.ofMillis(2400))).containsExactly(1, 0);
    }

    @Test
    void ignoresEventsBeforeTheWindow() {
        Timeline timeline = new Timeline();
        timeline.record(Duration.ofMillis(-5));

        assertThat(timeline.perSecond(Duration.ofSeconds(1))).containsExactly(0);
    }

    @Test
    void pointsSitAtTheMiddleOfEachSecond() {
        Timeline timeline = new Timeline();
        timeline.record(Duration.ofMillis(1200));

        assertThat(timeline.points(Duration.ofSeconds(2))).containsExactly(new Point(0.5, 0), new Point(1.5, 1));
    }
}
