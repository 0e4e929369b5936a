package dev.leakgate.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Hands bytes from one thread to another through a few blocks of a fixed size, so that a snapshot
 * is parsed while it arrives and never held whole. The writer waits when the reader falls behind.
 * A reader that stops early (a parse error) is closed: from then on writes are dropped, so the
 * writer can finish. A writer that fails breaks the pipe off: the reader then fails too.
 */
final class BytePipe {

    private static final int BLOCK_SIZE = 1 << 18;
    private static final int BLOCKS = 16;
    private static final byte[] END = new byte[0];
    /** How often a waiting writer looks whether the reader gave up. */
    private static final long READER_CHECK_MILLIS = 100;

    private final BlockingQueue<byte[]> blocks = new ArrayBlockingQueue<>(BLOCKS);
    private volatile boolean readerClosed;
    private volatile IOException brokenOff;

    OutputStream output() {
        return new OutputStream() {
            private byte[] block = new byte[BLOCK_SIZE];
            private int filled;
            private boolean closed;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                while (length > 0) {
                    int count = Math.min(length, block.length - filled);
                    System.arraycopy(bytes, offset, block, filled, count);
                    filled += count;
                    offset += count;
                    length -= count;
                    if (filled == block.length) {
                        hand(block);
                        block = new byte[BLOCK_SIZE];
                        filled = 0;
                    }
                }
            }

            @Override
            public void close() throws IOException {
                if (closed) {
                    return;
                }
                closed = true;
                if (filled > 0) {
                    hand(Arrays.copyOf(block, filled));
                }
                hand(END);
            }
        };
    }

    /** Makes the reader fail with this cause once it has read what was handed over. */
    void breakOff(IOException cause) {
        brokenOff = cause;
        blocks.clear();
        blocks.offer(END);
    }

    InputStream input() {
        return new InputStream() {
            private byte[] block = new byte[0];
            private int position;
            private boolean ended;

            @Override
            public int read() throws IOException {
                return ensureAvailable() ? block[position++] & 0xff : -1;
            }

            @Override
            public int read(byte[] target, int offset, int length) throws IOException {
                if (length == 0) {
                    return 0;
                }
                if (!ensureAvailable()) {
                    return -1;
                }
                int count = Math.min(length, block.length - position);
                System.arraycopy(block, position, target, offset, count);
                position += count;
                return count;
            }

            private boolean ensureAvailable() throws IOException {
                while (position == block.length && !ended) {
                    try {
                        block = blocks.take();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("interrupted while waiting for snapshot data");
                    }
                    position = 0;
                    ended = block == END;
                }
                if (ended && brokenOff != null) {
                    throw brokenOff;
                }
                return !ended;
            }

            @Override
            public void close() {
                readerClosed = true;
                blocks.clear();
            }
        };
    }

    private void hand(byte[] block) throws IOException {
        try {
            while (!readerClosed) {
                if (blocks.offer(block, READER_CHECK_MILLIS, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while handing over snapshot data");
        }
    }
}
