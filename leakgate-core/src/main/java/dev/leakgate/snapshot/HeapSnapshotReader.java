package dev.leakgate.snapshot;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads V8 {@code .heapsnapshot} files (plain or gzip-compressed) in one streaming pass. Memory
 * stays at a few dozen bytes per node and edge while reading; a {@link ReadMode#SUMMARY} snapshot
 * then drops the edges and strings and keeps about 20 bytes per node.
 */
public final class HeapSnapshotReader {

    private static final int GZIP_MAGIC = 0x8b1f;
    private static final int BUFFER_SIZE = 1 << 16;

    private final SnapshotParser parser = new SnapshotParser();

    public HeapSnapshot read(Path file, ReadMode mode) throws IOException {
        String source = file.toString();
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new SnapshotFormatException(source + " does not exist", e);
        } catch (IOException e) {
            throw new SnapshotFormatException(source + " cannot be opened: " + e.getMessage(), e);
        }
        try (in) {
            return read(in, source, mode);
        }
    }

    /** Reads a snapshot from a stream, which is left open; {@code sourceName} names it in messages. */
    public HeapSnapshot read(InputStream in, String sourceName, ReadMode mode) throws IOException {
        ParsedSnapshot parsed;
        try {
            parsed = parser.parse(decompressed(in, sourceName), sourceName, mode);
        } catch (EOFException | ZipException e) {
            throw new SnapshotFormatException(sourceName + " is truncated or damaged: " + e.getMessage(), e);
        }
        HeapGraph graph = parsed.graph().withSelfSizes(OwnedSizes.of(parsed.graph()));
        return new HeapSnapshot(sourceName, mode, graph, ClassNames.of(graph), parsed.locations());
    }

    private static InputStream decompressed(InputStream in, String sourceName) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, BUFFER_SIZE);
        buffered.mark(2);
        int magic = buffered.read() | (buffered.read() << 8);
        buffered.reset();
        if (magic != GZIP_MAGIC) {
            return buffered;
        }
        try {
            return new GZIPInputStream(buffered, BUFFER_SIZE);
        } catch (IOException e) {
            throw new SnapshotFormatException(sourceName + " looks gzip-compressed but cannot be decompressed: "
                    + e.getMessage(), e);
        }
    }
}
