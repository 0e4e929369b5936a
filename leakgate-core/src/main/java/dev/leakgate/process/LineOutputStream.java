package dev.leakgate.process;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Cuts a byte stream into UTF-8 lines. Written by one pump thread only.
 *
 * <p>Bytes are collected until the newline so that a multi-byte character split across two reads is
 * decoded whole (zt-exec's own LogOutputStream decodes with the platform charset).
 */
final class LineOutputStream extends OutputStream {

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream(256);
    private final Consumer<String> lines;

    LineOutputStream(Consumer<String> lines) {
        this.lines = lines;
    }

    @Override
    public void write(int b) {
        if (b == '\n') {
            emitPending();
        } else {
            pending.write(b);
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        int lineStart = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                pending.write(bytes, lineStart, i - lineStart);
                emitPending();
                lineStart = i + 1;
            }
        }
        pending.write(bytes, lineStart, end - lineStart);
    }

    /** The pump flushes once the stream is exhausted: a last line without a newline still counts. */
    @Override
    public void flush() {
        if (pending.size() > 0) {
            emitPending();
        }
    }

    @Override
    public void close() {
        flush();
    }

    private void emitPending() {
        String line = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        lines.accept(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
    }
}
