package dev.leakgate.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonInputTest {

    @Test
    void readsIntegersOfEveryLengthWhateverTheSeparatorAndWhereverTheInputIsSplit() throws IOException {
        long[] expected = new Random(7).longs(200_000, 0, 1_000_000_000_000_000_000L)
                .map(value -> value / pow10((int) (value % 18)))
                .toArray();
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < expected.length; i++) {
            text.append(i == 0 ? "" : i % 7 == 0 ? "\n," : i % 11 == 0 ? " , " : ",").append(expected[i]);
        }
        text.append("]");
        byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);

        for (int split : new int[] {1, 7, 4096, Integer.MAX_VALUE}) {
            assertArrayEquals(expected, readArray(bytes, split), "read in pieces of " + split + " bytes");
        }
    }

    @Test
    void refusesFractionsAndExponentsEvenInsideTheFastPath() {
        String many = "1,".repeat(100);
        assertThrows(JsonInput.NotAnIntegerException.class, () -> readArray(("[" + many + "12.5]").getBytes(), 1 << 20));
        assertThrows(JsonInput.NotAnIntegerException.class, () -> readArray(("[" + many + "3e4," + many + "1]").getBytes(), 1 << 20));
        assertThrows(JsonInput.NotAnIntegerException.class, () -> readArray(("[" + many + "-3," + many + "1]").getBytes(), 1 << 20));
    }

    @Test
    void readsLargestNumbersAllowedAndRefusesLonger() throws IOException {
        String padding = ",0".repeat(50);
        assertArrayEquals(new long[] {999_999_999_999_999_999L, 0},
                Arrays.copyOf(readArray(("[999999999999999999" + padding + "]").getBytes(), 1 << 20), 2));
        assertThrows(JsonInput.NotAnIntegerException.class,
                () -> readArray(("[1234567890123456789" + padding + "]").getBytes(), 1 << 20));
    }

    @Test
    void skimsAnArrayToJustPastItsClosingBracketWhereverTheBracketFalls() throws IOException {
        for (int length = 0; length < 40; length++) {
            String array = "[" + "1234567,\n".repeat(length).substring(0, Math.max(0, length * 9 - 2)) + "]";
            for (int piece : new int[] {1, 3, 8, 13, 1 << 16}) {
                JsonInput input = new JsonInput(new Pieces((array + ",\"next\"").getBytes(), piece));
                input.next();
                input.startIntegers();
                input.skipIntegers();
                String where = "an array of " + array.length() + " bytes read in pieces of " + piece;
                assertEquals(array.length(), input.offset(), where);
                assertEquals(',', input.next(), where);
            }
        }
    }

    @Test
    void skimmingAnArrayThatNeverClosesIsAnEndOfInput() {
        JsonInput input = new JsonInput(new ByteArrayInputStream("[1,2,3,4,5,6,7,8,9,10,11".getBytes()));
        assertThrows(JsonInput.EndOfInputException.class, () -> {
            input.next();
            input.startIntegers();
            input.skipIntegers();
        });
    }

    private static long[] readArray(byte[] json, int piece) throws IOException {
        JsonInput input = new JsonInput(new Pieces(json, piece));
        assertEquals('[', input.next());
        input.startIntegers();
        long[] chunk = new long[1000];
        long[] all = new long[0];
        while (!input.integersEnded()) {
            int count = input.readIntegers(chunk);
            all = Arrays.copyOf(all, all.length + count);
            System.arraycopy(chunk, 0, all, all.length - count, count);
        }
        return all;
    }

    private static long pow10(int exponent) {
        long value = 1;
        for (int i = 0; i < exponent; i++) {
            value *= 10;
        }
        return value;
    }

    /** Hands out the bytes at most {@code piece} at a time, as a socket or pipe may. */
    private static final class Pieces extends InputStream {

        private final ByteArrayInputStream bytes;
        private final int piece;

        Pieces(byte[] bytes, int piece) {
            this.bytes = new ByteArrayInputStream(bytes);
            this.piece = piece;
        }

        @Override
        public int read() {
            return bytes.read();
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            return bytes.read(target, offset, Math.min(length, piece));
        }
    }
}
