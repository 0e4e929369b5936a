package dev.leakgate.snapshot;

import java.util.Arrays;

/** A long array that grows as values are appended, for columns whose final length is unknown. */
final class GrowableLongArray {

    private long[] values;
    private int size;

    GrowableLongArray(int expectedSize) {
        values = new long[Math.max(16, expectedSize)];
    }

    void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, GrowableIntArray.grownCapacity(values.length));
        }
        values[size++] = value;
    }

    long[] toArray() {
        return size == values.length ? values : Arrays.copyOf(values, size);
    }
}
