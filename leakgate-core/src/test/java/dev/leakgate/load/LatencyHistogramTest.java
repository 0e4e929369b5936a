package dev.leakgate.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void reportsSmallLatenciesExactlyToTheMicrosecond() {
        LatencyHistogram histogram = oneOfEachMicrosecondUpTo(100);

        assertEquals(0.050, histogram.percentileMillis(50));
        assertEquals(0.090, histogram.percentileMillis(90));
        assertEquals(0.099, histogram.percentileMillis(99));
        assertEquals(0.100, histogram.percentileMillis(100));
        assertEquals(new Latency(0.050, 0.090, 0.099, 0.100, 0.100), histogram.latency());
    }

    @Test
    void ranksPercentilesExactlyWhereBinaryFractionsWouldRoundUp() {
        LatencyHistogram histogram = oneOfEachMicrosecondUpTo(1000);

        assertEquals(0.999, histogram.percentileMillis(99.9), "the 999th of 1,000 values, not the largest");
        assertEquals(1.000, histogram.percentileMillis(100));
    }

    @Test
    void staysWithinOnePercentFromMicrosecondsToMinutes() {
        for (long micros = 1; micros < 10L * 60 * 1_000_000; micros = micros * 3 / 2 + 7) {
            LatencyHistogram.Recorder recorder = new LatencyHistogram.Recorder();
            recorder.record(micros);
            recorder.record(20L * 60 * 1_000_000);
            double reported = recorder.toHistogram().percentileMillis(50) * 1000;

            assertTrue(reported >= micros && reported <= micros * 1.01,
                    "recorded " + micros + " µs, reported " + reported + " µs");
        }
    }

    @Test
    void keepsTheExactMaximum() {
        LatencyHistogram.Recorder recorder = new LatencyHistogram.Recorder();
        recorder.record(123_456_789);
        recorder.record(5);

        assertEquals(123_456.789, recorder.toHistogram().maxMillis());
        assertEquals(123_456.789, recorder.toHistogram().percentileMillis(100));
    }

    @Test
    void mergesIntoTheSameDistributionAsRecordingEverythingInOne() {
        Random random = new Random(42);
        LatencyHistogram.Recorder all = new LatencyHistogram.Recorder();
        LatencyHistogram.Recorder first = new LatencyHistogram.Recorder();
        LatencyHistogram.Recorder second = new LatencyHistogram.Recorder();
        for (int i = 0; i < 10_000; i++) {
            long micros = (long) Math.exp(random.nextDouble() * 16);
            all.record(micros);
            (i % 3 == 0 ? first : second).record(micros);
        }

        assertEquals(all.toHistogram(), first.toHistogram().merge(second.toHistogram()));
    }

    @Test
    void reportsZeroForAnEmptyHistogram() {
        assertEquals(new Latency(0, 0, 0, 0, 0), LatencyHistogram.empty().latency());
        assertEquals(0, LatencyHistogram.empty().count());
    }

    @Test
    void rejectsPercentilesOutsideZeroToHundred() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> LatencyHistogram.empty().percentileMillis(101));
        assertEquals("Percentile must be between 0 and 100, got: 101.0", error.getMessage());
    }

    private static LatencyHistogram oneOfEachMicrosecondUpTo(long largest) {
        LatencyHistogram.Recorder recorder = new LatencyHistogram.Recorder();
        for (long micros = 1; micros <= largest; micros++) {
            recorder.record(micros);
        }
        return recorder.toHistogram();
    }
}
