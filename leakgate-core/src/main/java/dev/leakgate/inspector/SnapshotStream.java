package dev.leakgate.inspector;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Writes the chunks of one heap snapshot, in arrival order, to the caller's stream as UTF-8.
 * Chunks cut the JSON anywhere, even inside a string, so they are written as they come, never parsed.
 */
final class SnapshotStream {

    private static final int BUFFER_CHARS = 64 * 1024;

    private final Writer writer;
    private long charsWritten;
    private IOException failure;
    private boolean accepting = true;

    SnapshotStream(OutputStream out) {
        // One encoder for the whole snapshot: a surrogate pair split between two chunks stays intact.
        this.writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), BUFFER_CHARS);
    }

    /** Called on the WebSocket's thread for every chunk event. */
    synchronized void append(String chunk) {
        if (!accepting || failure != null) {
            return;
        }
        try {
            writer.write(chunk);
            charsWritten += chunk.length();
        } catch (IOException e) {
            failure = e;
        }
    }

    /** After this returns no chunk is written any more, also not one that was just arriving. */
    synchronized void stop() {
        accepting = false;
    }

    /**
     * Flushes what was written (the caller's stream stays open).
     *
     * @return the number of characters written
     * @throws IOException the first error writing to the caller's stream
     */
    synchronized long complete() throws IOException {
        accepting = false;
        if (failure != null) {
            throw failure;
        }
        writer.flush();
        return charsWritten;
    }
}
