package dev.leakgate.snapshot;

import dev.leakgate.concurrent.TaskFailure;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads V8 {@code .heapsnapshot} files (plain or gzip-compressed) and snapshots as they arrive, in
 * one streaming pass; a plain file's nodes and edges are read for a graph on threads of their own
 * (see {@link ArrayReading}). A {@link ReadMode#GRAPH} snapshot takes about 34 bytes of heap per node
 * (strings included) and 8 per edge; a {@link ReadMode#SUMMARY} snapshot never stores its edges,
 * uses them as they stream by, and keeps about 30 bytes per node once read.
 */
public final class HeapSnapshotReader {

    private static final int GZIP_MAGIC = 0x8b1f;
    private static final int BUFFER_SIZE = 1 << 16;

    private final SnapshotParser parser = new SnapshotParser();

    public <S extends HeapSummary> S read(Path file, ReadMode<S> mode) throws IOException {
        String source = file.toString();
        if (Files.isDirectory(file)) {
            throw new SnapshotFormatException(source + " is a directory, not a snapshot file");
        }
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new SnapshotFormatException(source + " does not exist", e);
        } catch (IOException e) {
            throw new SnapshotFormatException(source + " cannot be opened: " + e.getMessage(), e);
        }
        try (in) {
            return read(in, source, mode, ArrayReading.inParallel(offset -> openAt(file, offset), source));
        } catch (SnapshotFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new SnapshotFormatException(source + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a snapshot while the source writes it: the source writes on the calling thread and the
     * snapshot is parsed on another as the bytes arrive, so reading takes little longer than the
     * transfer itself. Whatever the source fails with comes first; then what the snapshot fails with.
     */
    public <S extends HeapSummary> S read(SnapshotSource source, String sourceName, ReadMode<S> mode)
            throws IOException, InterruptedException {
        BytePipe pipe = new BytePipe();
        FutureTask<S> parsing = new FutureTask<>(() -> {
            try (InputStream in = pipe.input()) {
                return read(in, sourceName, mode);
            }
        });
        Thread parser = new Thread(parsing, "leakgate snapshot parser");
        parser.setDaemon(true);
        parser.start();
        try (OutputStream out = pipe.output()) {
            source.writeTo(out);
        } catch (IOException | InterruptedException | RuntimeException e) {
            pipe.breakOff(new IOException("the snapshot stopped arriving: " + e.getMessage(), e));
            parser.join();
            throw e;
        }
        try {
            return parsing.get();
        } catch (ExecutionException e) {
            throw TaskFailure.rethrown(e);
        }
    }

    /** Reads a snapshot from a stream, which is left open; {@code sourceName} names it in messages. */
    public <S extends HeapSummary> S read(InputStream in, String sourceName, ReadMode<S> mode) throws IOException {
        return read(in, sourceName, mode, ArrayReading.INLINE);
    }

    private <S extends HeapSummary> S read(InputStream in, String sourceName, ReadMode<S> mode, ArrayReading arrays)
            throws IOException {
        ParsedSnapshot parsed;
        try {
            InputStream plain = decompressed(in, sourceName);
            // Compressed bytes cannot be entered in the middle: they are read in one pass.
            ArrayReading reading = plain instanceof GZIPInputStream ? ArrayReading.INLINE : arrays;
            parsed = parser.parse(plain, sourceName, mode, reading);
        } catch (EOFException | ZipException e) {
            throw new SnapshotFormatException(sourceName + " is truncated or damaged: " + e.getMessage(), e);
        }
        HeapGraph graph = parsed.graph();
        ClassNames classes = ClassNames.of(graph, parsed.shapes());
        HeapSummary snapshot = mode == ReadMode.GRAPH
                ? new HeapSnapshot(sourceName, graph, classes.withoutShapes(), parsed.locations(), parsed.edgeCount(),
                        parsed.traces())
                // Without the graph the names are gone: keep what telling processes apart needs of them.
                : new HeapSummary(sourceName, graph, classes, parsed.edgeCount(), Fingerprints.of(graph),
                        parsed.ownedReferenceCounts(), parsed.traces());
        @SuppressWarnings("unchecked")
        S read = (S) snapshot;
        return read;
    }

    private static InputStream openAt(Path file, long offset) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            channel.position(offset);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return Channels.newInputStream(channel);
    }

    private static InputStream decompressed(InputStream in, String sourceName) throws IOException {
        // Plain snapshots are read in big blocks straight from the source: no buffer in between.
        PushbackInputStream start = new PushbackInputStream(in, 2);
        int first = start.read();
        int second = first < 0 ? -1 : start.read();
        if (second >= 0) {
            start.unread(second);
        }
        if (first >= 0) {
            start.unread(first);
        }
        if ((first | second << 8) != GZIP_MAGIC) {
            return start;
        }
        try {
            return new GZIPInputStream(new BufferedInputStream(start, BUFFER_SIZE), BUFFER_SIZE);
        } catch (IOException e) {
            throw new SnapshotFormatException(sourceName + " looks gzip-compressed but cannot be decompressed: "
                    + e.getMessage(), e);
        }
    }
}
