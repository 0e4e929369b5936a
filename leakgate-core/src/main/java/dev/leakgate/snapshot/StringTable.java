package dev.leakgate.snapshot;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;

/**
 * A snapshot's {@code strings}, packed into one byte array: a million short strings cost their
 * characters instead of some 50 bytes of object headers each. A string is made only when asked for.
 *
 * <p>Strings whose characters all fit in one byte are stored one byte per character; any other
 * string two bytes per character, so that every Java string, lone surrogates included, comes back
 * exactly as it went in.
 */
final class StringTable {

    private final byte[] bytes;
    private final int[] starts;
    private final BitSet wide;

    private StringTable(byte[] bytes, int[] starts, BitSet wide) {
        this.bytes = bytes;
        this.starts = starts;
        this.wide = wide;
    }

    int size() {
        return starts.length - 1;
    }

    String get(int index) {
        int start = starts[index];
        int end = starts[index + 1];
        if (!wide.get(index)) {
            return new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
        }
        char[] chars = new char[(end - start) / 2];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) ((bytes[start + 2 * i] & 0xff) << 8 | bytes[start + 2 * i + 1] & 0xff);
        }
        return new String(chars);
    }

    /** The strings at these indexes, in their order. */
    String[] get(int[] indexes) {
        String[] values = new String[indexes.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = get(indexes[i]);
        }
        return values;
    }

    /** Whether the string at {@code index} is {@code value}, without making a string. */
    boolean equals(int index, String value) {
        int start = starts[index];
        int length = starts[index + 1] - start;
        if (wide.get(index)) {
            return get(index).equals(value);
        }
        if (length != value.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if ((bytes[start + i] & 0xff) != value.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the string at {@code index} starts with {@code prefix}, without making a string. */
    boolean startsWith(int index, String prefix) {
        if (wide.get(index)) {
            return get(index).startsWith(prefix);
        }
        int start = starts[index];
        if (starts[index + 1] - start < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if ((bytes[start + i] & 0xff) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the string at {@code index} is a number of decimal digits, without making a string. */
    boolean isDigits(int index) {
        int start = starts[index];
        int end = starts[index + 1];
        if (wide.get(index) || start == end) {
            return false;
        }
        for (int i = start; i < end; i++) {
            if (bytes[i] < '0' || bytes[i] > '9') {
                return false;
            }
        }
        return true;
    }

    /** The length in characters of the string at {@code index}, without making a string. */
    int length(int index) {
        int bytes = starts[index + 1] - starts[index];
        return wide.get(index) ? bytes / 2 : bytes;
    }

    /** A hash of the string's stored bytes: equal strings hash alike in every table. */
    int hash(int index) {
        int hash = wide.get(index) ? 1 : 0;
        for (int i = starts[index]; i < starts[index + 1]; i++) {
            hash = 31 * hash + bytes[i];
        }
        return hash;
    }

    /** The index of a string, or -1. Snapshots store each string once, so there is at most one. */
    int indexOf(String value) {
        for (int index = 0; index < size(); index++) {
            if (equals(index, value)) {
                return index;
            }
        }
        return -1;
    }

    /** Collects strings as the parser reads them. */
    static final class Builder {

        private byte[] bytes = new byte[1 << 16];
        private int size;
        private final GrowableIntArray starts = new GrowableIntArray(1 << 10);
        private final BitSet wide = new BitSet();

        Builder() {
            starts.add(0);
        }

        /** Appends a string; false when the table cannot hold it (over 2 GB of characters in all). */
        boolean add(char[] chars, int offset, int length) {
            boolean narrow = true;
            for (int i = offset; i < offset + length && narrow; i++) {
                narrow = chars[i] <= 0xff;
            }
            long needed = (long) size + (narrow ? length : 2L * length);
            if (needed > Integer.MAX_VALUE - 8) {
                return false;
            }
            if (needed > bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, 2L * bytes.length)));
            }
            if (narrow) {
                for (int i = offset; i < offset + length; i++) {
                    bytes[size++] = (byte) chars[i];
                }
            } else {
                wide.set(starts.size() - 1);
                for (int i = offset; i < offset + length; i++) {
                    bytes[size++] = (byte) (chars[i] >> 8);
                    bytes[size++] = (byte) chars[i];
                }
            }
            starts.add(size);
            return true;
        }

        StringTable build() {
            return new StringTable(Arrays.copyOf(bytes, size), starts.toArray(), wide);
        }
    }
}
