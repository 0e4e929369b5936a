package dev.leakgate.snapshot;

import java.util.Arrays;

/** A sequence of string indexes, usable as a map key; the probe instance is refilled for every object. */
final class NameIndexes {

    private int[] indexes;
    private int size;
    private int hash;

    NameIndexes(int[] indexes) {
        this.indexes = indexes;
        this.size = indexes.length;
        rehash();
    }

    void clear() {
        size = 0;
    }

    void add(int index) {
        if (size == indexes.length) {
            indexes = Arrays.copyOf(indexes, indexes.length * 2);
        }
        indexes[size++] = index;
    }

    void rehash() {
        int h = 1;
        for (int i = 0; i < size; i++) {
            h = 31 * h + indexes[i];
        }
        hash = h;
    }

    NameIndexes copy() {
        return new NameIndexes(Arrays.copyOf(indexes, size));
    }

    int[] toArray() {
        return Arrays.copyOf(indexes, size);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NameIndexes that
                && Arrays.equals(indexes, 0, size, that.indexes, 0, that.size);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
