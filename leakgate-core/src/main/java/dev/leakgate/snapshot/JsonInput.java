package dev.leakgate.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A JSON document read byte by byte, for the parts of a heap snapshot a general parser is slow at:
 * the top-level object's keys and punctuation, and the long flat arrays of non-negative integers
 * ({@code nodes}, {@code edges}, {@code locations}) that make up most of its bytes. Any other
 * value is handed to a general JSON parser through {@link #remaining()} and {@link #unread}.
 */
final class JsonInput {

    private static final int BUFFER_SIZE = 1 << 16;
    /** 18 decimal digits always fit in a long (19 may not). */
    private static final int MAX_DIGITS = 18;
    /** Eight bytes of the buffer as one long, the first byte lowest. */
    private static final VarHandle EIGHT_BYTES = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long EVERY_BYTE_ONE = 0x0101_0101_0101_0101L;
    private static final long EVERY_BYTE_HIGH_BIT = 0x8080_8080_8080_8080L;
    private static final long EVERY_BYTE_CLOSING_BRACKET = EVERY_BYTE_ONE * ']';

    private final InputStream in;
    private byte[] buffer = new byte[BUFFER_SIZE];
    private int position;
    private int limit;
    /** The offset in the document of {@code buffer[0]}. */
    private long bufferOffset;
    private boolean started;
    private boolean arrayEnded;
    private boolean reachedEnd;

    JsonInput(InputStream in) {
        this(in, 0);
    }

    /** A document read from {@code startOffset} on: offsets in messages count from the document's start. */
    JsonInput(InputStream in, long startOffset) {
        this.in = in;
        this.bufferOffset = startOffset;
    }

    /** How many bytes of the document were consumed. */
    long offset() {
        return bufferOffset + position;
    }

    /** Whether the underlying input has no more bytes: an error found now is most likely a cut-off document. */
    boolean reachedEnd() {
        return reachedEnd;
    }

    /** The next byte that is not white space, consumed; -1 at the end of the input. */
    int next() throws IOException {
        while (true) {
            if (position == limit && !fill()) {
                return -1;
            }
            byte[] bytes = buffer;
            int end = limit;
            for (int at = position; at < end; at++) {
                byte b = bytes[at];
                if (!isWhiteSpace(b)) {
                    position = at + 1;
                    return b;
                }
            }
            position = end;
        }
    }

    /** The next byte that is not white space, left in place; -1 at the end of the input. */
    int peek() throws IOException {
        int b = next();
        if (b >= 0) {
            position--;
        }
        return b;
    }

    /**
     * The text of a string whose opening quote was consumed, for object keys: escapes are kept as
     * they are, which is enough to tell the keys a snapshot has.
     */
    String readKey() throws IOException {
        StringBuilder key = new StringBuilder();
        while (true) {
            int b = nextRaw();
            if (b == '"') {
                return key.toString();
            }
            key.append((char) (b & 0xff));
            if (b == '\\') {
                key.append((char) (nextRaw() & 0xff));
            }
        }
    }

    /** Starts reading an array of integers whose opening bracket was consumed. */
    void startIntegers() {
        started = false;
        arrayEnded = false;
    }

    /** Whether the closing bracket of the array being read was reached. */
    boolean integersEnded() {
        return arrayEnded;
    }

    /**
     * Reads the next integers of the array into {@code values}, up to its length or the end of the
     * array, and returns how many were read.
     *
     * @throws NotAnIntegerException for anything but a non-negative integer where a value belongs
     */
    int readIntegers(long[] values) throws IOException {
        int count = 0;
        while (count < values.length) {
            count = readPlainIntegers(values, count);
            if (count == values.length) {
                break;
            }
            int b = nextInArray();
            if (b == ']') {
                arrayEnded = true;
                break;
            }
            if (started) {
                if (b != ',') {
                    throw new NotAnIntegerException(describe(b) + " after a value", offset());
                }
                b = nextInArray();
            }
            if (b < '0' || b > '9') {
                throw new NotAnIntegerException(describe(b), offset());
            }
            values[count++] = readDigits(b - '0');
            started = true;
        }
        return count;
    }

    /**
     * Passes over the rest of the array of integers being read, up to and including its closing bracket,
     * without looking at its values: for an array that another reader reads.
     */
    void skipIntegers() throws IOException {
        while (true) {
            if (position == limit && !fill()) {
                throw new EndOfInputException(offset());
            }
            int bracket = closingBracket(buffer, position, limit);
            if (bracket >= 0) {
                position = bracket + 1;
                arrayEnded = true;
                return;
            }
            position = limit;
        }
    }

    /**
     * Where the first {@code ']'} in {@code bytes[from .. to - 1]} is, or -1. Looks at eight bytes at a
     * time: the main pass skims a graph's arrays, a few hundred MB, while other threads read them.
     */
    private static int closingBracket(byte[] bytes, int from, int to) {
        int at = from;
        for (; at <= to - Long.BYTES; at += Long.BYTES) {
            long zeroWhereBracket = (long) EIGHT_BYTES.get(bytes, at) ^ EVERY_BYTE_CLOSING_BRACKET;
            // The high bit of the lowest zero byte is exact; bytes above it may be set falsely, by the borrow.
            long zeroBytes = (zeroWhereBracket - EVERY_BYTE_ONE) & ~zeroWhereBracket & EVERY_BYTE_HIGH_BIT;
            if (zeroBytes != 0) {
                return at + Long.numberOfTrailingZeros(zeroBytes) / Byte.SIZE;
            }
        }
        for (; at < to; at++) {
            if (bytes[at] == ']') {
                return at;
            }
        }
        return -1;
    }

    /** Consumes the characters of a number, whatever its form. */
    void skipNumber() throws IOException {
        next();
        while ((position < limit || fill()) && "0123456789+-.eE".indexOf(buffer[position]) >= 0) {
            position++;
        }
    }

    /**
     * The fast path for the common case, V8's own layout: values separated by a comma, perhaps after a
     * line break, well inside the buffer. Stops at anything else and leaves it to the careful path.
     */
    private int readPlainIntegers(long[] values, int start) {
        byte[] bytes = buffer;
        int at = position;
        // Room for a separator, a line break and the longest number allowed, so no bound is checked inside.
        int safeEnd = limit - (MAX_DIGITS + 3);
        int count = start;
        boolean separated = started;
        while (count < values.length && at < safeEnd) {
            int next = at;
            if (separated) {
                if (bytes[next] == '\n') {
                    next++;
                }
                if (bytes[next] != ',') {
                    break;
                }
                next++;
            }
            int digit = bytes[next] - '0';
            if (digit < 0 || digit > 9) {
                break;
            }
            long value = digit;
            int end = next + MAX_DIGITS;
            next++;
            while (true) {
                digit = bytes[next] - '0';
                if (digit < 0 || digit > 9) {
                    break;
                }
                if (next == end) {
                    return finishPlain(at, count, separated);
                }
                value = value * 10 + digit;
                next++;
            }
            int b = bytes[next];
            if (b == '.' || b == 'e' || b == 'E') {
                break;
            }
            values[count++] = value;
            at = next;
            separated = true;
        }
        return finishPlain(at, count, separated);
    }

    private int finishPlain(int at, int count, boolean separated) {
        position = at;
        started = separated;
        return count;
    }

    private int nextInArray() throws IOException {
        int b = next();
        if (b < 0) {
            throw new EndOfInputException(offset());
        }
        return b;
    }

    private long readDigits(long first) throws IOException {
        long value = first;
        int digits = 1;
        byte[] bytes = buffer;
        int at = position;
        int end = limit;
        while (true) {
            if (at == end) {
                position = at;
                if (!fill()) {
                    return value;
                }
                bytes = buffer;
                at = position;
                end = limit;
            }
            int digit = bytes[at] - '0';
            if (digit < 0 || digit > 9) {
                position = at;
                int b = bytes[at];
                if (b == '.' || b == 'e' || b == 'E') {
                    throw new NotAnIntegerException("a number with a fraction or exponent", offset());
                }
                return value;
            }
            if (++digits > MAX_DIGITS) {
                position = at;
                throw new NotAnIntegerException("a number too large for a heap snapshot", offset());
            }
            value = value * 10 + digit;
            at++;
        }
    }

    /**
     * The rest of the document as a stream, for a general JSON parser to read one value from; hand
     * back what it read ahead with {@link #unread}.
     */
    InputStream remaining() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                return position == limit && !fill() ? -1 : buffer[position++] & 0xff;
            }

            @Override
            public int read(byte[] target, int offset, int length) throws IOException {
                if (length == 0) {
                    return 0;
                }
                if (position == limit && !fill()) {
                    return -1;
                }
                int count = Math.min(length, limit - position);
                System.arraycopy(buffer, position, target, offset, count);
                position += count;
                return count;
            }
        };
    }

    /** Puts back bytes that were read through {@link #remaining()} but not used: they are read again next. */
    void unread(byte[] bytes) {
        int unconsumed = limit - position;
        byte[] combined = bytes.length + unconsumed > buffer.length ? new byte[bytes.length + unconsumed] : buffer;
        System.arraycopy(buffer, position, combined, bytes.length, unconsumed);
        System.arraycopy(bytes, 0, combined, 0, bytes.length);
        bufferOffset = offset() - bytes.length;
        buffer = combined;
        position = 0;
        limit = bytes.length + unconsumed;
    }

    private int nextRaw() throws IOException {
        if (position == limit && !fill()) {
            throw new EndOfInputException(offset());
        }
        return buffer[position++];
    }

    private boolean fill() throws IOException {
        bufferOffset += limit;
        position = 0;
        limit = 0;
        int count;
        do {
            count = in.read(buffer, 0, buffer.length);
        } while (count == 0);
        if (count < 0) {
            reachedEnd = true;
            return false;
        }
        limit = count;
        return true;
    }

    private static boolean isWhiteSpace(int b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    private static String describe(int b) {
        return b >= 0x20 && b < 0x7f ? "'" + (char) b + "'" : String.format("byte 0x%02x", b & 0xff);
    }

    /** Something other than an integer where the array needs one. */
    static final class NotAnIntegerException extends IOException {

        private static final long serialVersionUID = 1L;
        private final long offset;

        NotAnIntegerException(String found, long offset) {
            super(found);
            this.offset = offset;
        }

        long offset() {
            return offset;
        }
    }

    /** The input ended inside a value. */
    static final class EndOfInputException extends IOException {

        private static final long serialVersionUID = 1L;
        private final long offset;

        EndOfInputException(long offset) {
            super("the input ends after " + offset + " bytes");
            this.offset = offset;
        }

        long offset() {
            return offset;
        }
    }
}
