package dev.leakgate.text;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * How leakgate writes a duration for people, in messages, the log and the reports alike. It lives below every
 * other package so that the launcher and the inspector client, which come first in the flow, word their
 * timeouts the same way as the reports word measured times.
 */
public final class DurationText {

    private static final Duration ONE_SECOND = Duration.ofSeconds(1);
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);
    private static final Duration TWO_MINUTES = Duration.ofMinutes(2);

    private DurationText() {
    }

    /**
     * {@code 500 ms}, {@code 1.25 s}, {@code 30 s}, {@code 12.3 s}, {@code 2 min 5 s}, {@code 10 min}: the digits
     * that matter at that size and no trailing zeros, so a setting of 30 seconds reads as written.
     */
    public static String of(Duration duration) {
        if (duration.isNegative()) {
            return "-" + of(duration.negated());
        }
        if (duration.isZero()) {
            return "0 s"; // the unit the parameters are written in
        }
        if (duration.compareTo(ONE_SECOND) < 0) {
            return duration.toMillis() + " ms";
        }
        if (duration.compareTo(TWO_MINUTES) < 0) {
            int decimals = duration.compareTo(TEN_SECONDS) < 0 ? 2 : 1;
            return BigDecimal.valueOf(duration.toNanos(), 9).setScale(decimals, RoundingMode.HALF_UP)
                    .stripTrailingZeros().toPlainString() + " s";
        }
        int seconds = duration.toSecondsPart();
        return duration.toMinutes() + " min" + (seconds == 0 ? "" : " " + seconds + " s");
    }
}
