package dev.leakgate.snapshot;

import java.util.Arrays;

/** An int array that grows as values are appended: columns of unknown length, work stacks. */
final class GrowableIntArray {

    private int[] values;
    private int size;

    GrowableIntArray(int expectedSize) {
        values = new int[Math.max(16, expectedSize)];
    }

    void add(int value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, grownCapacity(values.length));
        }
        values[size++] = value;
    }

    int get(int index) {
        return values[index];
    }

    void set(int index, int value) {
        values[index] = value;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void clear() {
        size = 0;
    }

    /** Where {@code key} is among the values at {@code from} (inclusive) to {@code to}, which are sorted; negative if absent. */
    int binarySearch(int from, int to, int key) {
        return Arrays.binarySearch(values, from, to, key);
    }

    /** Removes and returns the last value, so the array can serve as a stack. */
    int removeLast() {
        return values[--size];
    }

    /** The values appended so far, in an array of exactly that length (the buffer itself when it fits). */
    int[] toArray() {
        return size == values.length ? values : Arrays.copyOf(values, size);
    }

    static int grownCapacity(int capacity) {
        return (int) Math.min(Integer.MAX_VALUE - 8L, capacity + (capacity >> 1) + 16L);
    }
}
