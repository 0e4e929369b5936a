package dev.leakgate.snapshot;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Remembers whether the end of the input was reached, so that a JSON error found there can be
 * reported as what it is: a truncated file.
 */
final class EndAwareInputStream extends FilterInputStream {

    private boolean reachedEnd;

    EndAwareInputStream(InputStream in) {
        super(in);
    }

    boolean reachedEnd() {
        return reachedEnd;
    }

    @Override
    public int read() throws IOException {
        int value = super.read();
        reachedEnd |= value < 0;
        return value;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int count = super.read(buffer, offset, length);
        reachedEnd |= count < 0;
        return count;
    }
}
