package dev.leakgate.snapshot;

import java.util.Arrays;

/** A byte array that grows as values are appended, for type columns whose final length is unknown. */
final class GrowableByteArray {

    private byte[] values;
    private int size;

    GrowableByteArray(int expectedSize) {
        values = new byte[Math.max(16, expectedSize)];
    }

    void add(byte value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, GrowableIntArray.grownCapacity(values.length));
        }
        values[size++] = value;
    }

    byte[] toArray() {
        return size == values.length ? values : Arrays.copyOf(values, size);
    }
}
