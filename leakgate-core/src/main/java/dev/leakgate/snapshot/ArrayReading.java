package dev.leakgate.snapshot;

import dev.leakgate.concurrent.TaskFailure;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * How the parser reads a big array of integers: right where it stands ({@link #INLINE}), or, for a
 * file it can open again at any offset, on a thread of its own while the main pass skims over the
 * array to what follows ({@link #inParallel}). A graph's nodes and edges, over 90% of its bytes, are
 * read side by side that way, and the strings after them alongside.
 */
abstract class ArrayReading {

    /** Where the integers go, a chunk at a time: {@code values[0 .. count - 1]}. */
    @FunctionalInterface
    interface Sink {
        void accept(long[] values, int count) throws SnapshotFormatException;
    }

    /** The same file, opened again at an offset. */
    @FunctionalInterface
    interface Reopening {
        InputStream openAt(long offset) throws IOException;
    }

    /** An array being read; {@link #await} returns once all of it is in its sink. */
    @FunctionalInterface
    interface Pending {
        void await() throws IOException;
    }

    /** Reads each array on the calling thread, as the input arrives: for streams. */
    static final ArrayReading INLINE = new ArrayReading() {
        @Override
        Pending read(JsonInput input, int chunkLength, Sink sink) throws IOException {
            readAll(input, chunkLength, sink);
            return () -> { };
        }

        @Override
        IOException firstFailure(IOException failure) {
            return failure;
        }
    };

    static ArrayReading inParallel(Reopening file, String source) {
        return new Parallel(file, source);
    }

    /**
     * Reads the array of integers whose opening bracket {@code input} just consumed into {@code sink};
     * {@code input} is past its closing bracket on return, the sink complete once the result is awaited.
     */
    abstract Pending read(JsonInput input, int chunkLength, Sink sink) throws IOException;

    /**
     * What a failed parse reports: the failure of an array read it started, which lies earlier in the
     * document than anything the main pass read after starting it, else the main pass's own. Waits for
     * the reads still running, so that no thread outlives the parse.
     */
    abstract IOException firstFailure(IOException failure);

    static void readAll(JsonInput input, int chunkLength, Sink sink) throws IOException {
        long[] chunk = new long[chunkLength];
        while (!input.integersEnded()) {
            sink.accept(chunk, input.readIntegers(chunk));
        }
    }

    private static final class Parallel extends ArrayReading {

        private final Reopening file;
        private final String source;
        private final List<Reader> started = new ArrayList<>();

        Parallel(Reopening file, String source) {
            this.file = file;
            this.source = source;
        }

        @Override
        Pending read(JsonInput input, int chunkLength, Sink sink) throws IOException {
            long start = input.offset();
            Reader reader = new Reader(new FutureTask<>(() -> {
                try (InputStream in = file.openAt(start)) {
                    JsonInput own = new JsonInput(in, start);
                    own.startIntegers();
                    try {
                        readAll(own, chunkLength, sink);
                    } catch (IOException e) {
                        throw SnapshotParser.refusal(e, own, source);
                    }
                }
                return null;
            }));
            reader.thread.start();
            started.add(reader);
            input.skipIntegers();
            return reader::outcome;
        }

        @Override
        IOException firstFailure(IOException failure) {
            IOException first = null;
            for (Reader reader : started) {
                try {
                    reader.outcome();
                } catch (IOException | RuntimeException | Error e) {
                    if (first == null && e instanceof IOException earlier) {
                        first = earlier;
                    }
                }
            }
            return first != null ? first : failure;
        }
    }

    /** One array read on a thread of its own. */
    private static final class Reader {

        private final FutureTask<Void> reading;
        private final Thread thread;

        Reader(FutureTask<Void> reading) {
            this.reading = reading;
            this.thread = new Thread(reading, "leakgate snapshot array reader");
            thread.setDaemon(true);
        }

        /** Waits for the thread to end, not only for its result: none outlives the parse. */
        void outcome() throws IOException {
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    // The read ends on its own, and soon.
                    interrupted = true;
                }
            }
            try {
                reading.get();
            } catch (InterruptedException e) {
                throw new IllegalStateException("the read has ended: its result does not wait", e);
            } catch (ExecutionException e) {
                throw TaskFailure.rethrown(e);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
