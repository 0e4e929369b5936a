package dev.leakgate.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {

    @Test
    void writesSettingsInWholeUnitsAsTheUserWroteThem() {
        assertEquals("500 ms", DurationText.of(Duration.ofMillis(500)));
        assertEquals("1 s", DurationText.of(Duration.ofSeconds(1)));
        assertEquals("30 s", DurationText.of(Duration.ofSeconds(30)));
        assertEquals("10 min", DurationText.of(Duration.ofMinutes(10)));
    }

    @Test
    void writesMeasuredTimesWithTheDigitsThatMatterAtTheirSize() {
        assertEquals("850 ms", DurationText.of(Duration.ofNanos(850_400_000)));
        assertEquals("1.23 s", DurationText.of(Duration.ofNanos(1_234_500_000)));
        assertEquals("1.5 s", DurationText.of(Duration.ofMillis(1_500)));
        assertEquals("12.3 s", DurationText.of(Duration.ofMillis(12_345)));
        assertEquals("2 min 5 s", DurationText.of(Duration.ofMillis(125_900)));
    }

    @Test
    void writesZeroAndNegativeDurationsSoThatAWrongSettingCanBeRecognised() {
        assertEquals("0 s", DurationText.of(Duration.ZERO));
        assertEquals("-5 s", DurationText.of(Duration.ofSeconds(-5)));
    }
}
