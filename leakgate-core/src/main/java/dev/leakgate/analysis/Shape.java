package dev.leakgate.analysis;

import java.util.Locale;

/** How a leak shows in the snapshot series (see README.md, "How it decides"). */
public enum Shape {
    /** A constructor's live instances rise every round (closures, sessions kept per request). */
    COUNT,
    /** A constructor's bytes rise every round while its count may not (a string or Buffer that keeps growing). */
    BYTES,
    /** One object, the same in every snapshot, holds more references every round (an array pushed to, a Map cache). */
    COLLECTION;

    /** The name reports and the baseline file give the shape: {@code count}, {@code bytes}, {@code collection}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
