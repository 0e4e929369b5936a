package dev.leakgate.cli;

import dev.leakgate.analysis.Census;
import dev.leakgate.analysis.SnapshotSeries;
import dev.leakgate.concurrent.TaskFailure;
import dev.leakgate.snapshot.HeapSnapshotReader;
import dev.leakgate.snapshot.HeapSummary;
import dev.leakgate.snapshot.ReadMode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * Reads the snapshot files of one process, oldest first, into a {@link SnapshotSeries} for {@code compare}.
 */
final class SnapshotSeriesFiles {

    private static final int PARALLEL_READS = 2;

    private final HeapSnapshotReader reader = new HeapSnapshotReader();

    /**
     * Reads the files, refusing any that is not a later snapshot of the baseline's process. The
     * snapshots before the last are reduced to their census, two at a time on their own threads
     * (two keep both cores busy and the memory bounded); the last is read as a graph once they are
     * done.
     */
    SnapshotSeries read(List<Path> files) throws IOException, InterruptedException {
        ExecutorService threads = Executors.newFixedThreadPool(PARALLEL_READS, daemonThreads());
        try {
            SnapshotSeries series = SnapshotSeries.ofFiles();
            List<Path> earlier = files.subList(0, files.size() - 1);
            // Futures of the executor, not CompletableFutures: a task that runs out of memory still completes
            // them with its error, where completing a CompletableFuture exceptionally needs memory of its own.
            Future<Census> baseline = threads.submit(() -> series.addBaseline(label(earlier.get(0)),
                    reader.read(earlier.get(0), ReadMode.SUMMARY)));
            List<Future<Census>> intermediates = new ArrayList<>();
            for (Path file : earlier.subList(1, earlier.size())) {
                intermediates.add(threads.submit(() -> {
                    HeapSummary snapshot = reader.read(file, ReadMode.SUMMARY);
                    await(baseline);
                    return series.censusOf(label(file), snapshot);
                }));
            }
            await(baseline);
            for (Future<Census> intermediate : intermediates) {
                series.add(await(intermediate));
            }
            Path lastFile = files.get(files.size() - 1);
            series.addLast(label(lastFile), reader.read(lastFile, ReadMode.GRAPH));
            return series;
        } finally {
            threads.shutdownNow();
        }
    }

    /** The result of a read on another thread; its failure as what it was thrown as. */
    private static <T> T await(Future<T> future) throws IOException, InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw TaskFailure.rethrown(e);
        }
    }

    private static ThreadFactory daemonThreads() {
        return task -> {
            Thread thread = new Thread(task, "leakgate snapshot reader");
            thread.setDaemon(true);
            return thread;
        };
    }

    private static String label(Path file) {
        return file.getFileName().toString();
    }
}
