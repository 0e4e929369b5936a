package dev.leakgate.text;

import java.util.Locale;

/**
 * How leakgate writes numbers for people: the log, the findings table and the reports agree. Durations are
 * written by {@link DurationText}.
 */
public final class NumberText {

    private NumberText() {
    }

    /** {@code 1,234,567} */
    public static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** {@code 512 B}, {@code 12.3 KB}, {@code 4.5 MB}, {@code 1.2 GB} (powers of 1024, as DevTools shows sizes). */
    public static String bytes(long value) {
        long magnitude = Math.abs(value);
        if (magnitude < 1024) {
            return value + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double scaled = value;
        int unit = -1;
        do {
            scaled /= 1024;
            unit++;
        } while (Math.abs(scaled) >= 1024 && unit < units.length - 1);
        return String.format(Locale.ROOT, "%.1f %s", scaled, units[unit]);
    }

    /** A rate or ratio with the digits that matter: {@code 1.00}, {@code 0.0125}, {@code 2,400}. */
    public static String decimal(double value) {
        double magnitude = Math.abs(value);
        if (magnitude >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (magnitude >= 0.1 || magnitude == 0) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.format(Locale.ROOT, "%.3g", value);
    }
}
