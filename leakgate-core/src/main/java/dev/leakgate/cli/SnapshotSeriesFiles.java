package dev.leakgate.cli;

import dev.leakgate.analysis.Census;
import dev.leakgate.concurrent.TaskFailure;
import dev.leakgate.snapshot.Comparison;
import dev.leakgate.snapshot.DifferentProcessesException;
import dev.leakgate.snapshot.HeapSnapshot;
import dev.leakgate.snapshot.HeapSnapshotReader;
import dev.leakgate.snapshot.ObjectIds;
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
 * Reads the snapshot files of one process, oldest first, for {@code compare}. Only the last snapshot is
 * held as a graph; the others are reduced to their census as they are read, the baseline also to its
 * object ids until the last one is compared with it.
 */
final class SnapshotSeriesFiles {

    private static final int PARALLEL_READS = 2;

    private final HeapSnapshotReader reader = new HeapSnapshotReader();

    /** What the analysis needs of the files: every census, the last snapshot's graph, the baseline compared with it. */
    record SnapshotSeries(List<Census> censuses, HeapSnapshot last, Comparison comparison) {}

    /**
     * Reads the files, refusing any that is not a later snapshot of the baseline's process. The
     * snapshots before the last are reduced to their census, two at a time on their own threads
     * (two keep both cores busy and the memory bounded); the last is read as a graph once they are
     * done. The baseline's object ids are dropped once the last one is compared with them.
     */
    SnapshotSeries read(List<Path> files) throws IOException, InterruptedException {
        ExecutorService threads = Executors.newFixedThreadPool(PARALLEL_READS, daemonThreads());
        try {
            List<Path> earlier = files.subList(0, files.size() - 1);
            // Futures of the executor, not CompletableFutures: a task that runs out of memory still completes
            // them with its error, where completing a CompletableFuture exceptionally needs memory of its own.
            Future<Baseline> baseline = threads.submit(() -> readBaseline(earlier.get(0)));
            List<Future<Census>> intermediates = new ArrayList<>();
            for (Path file : earlier.subList(1, earlier.size())) {
                intermediates.add(threads.submit(() -> readIntermediate(file, baseline)));
            }
            List<Census> censuses = new ArrayList<>();
            censuses.add(await(baseline).census());
            for (Future<Census> intermediate : intermediates) {
                censuses.add(await(intermediate));
            }
            Path lastFile = files.get(files.size() - 1);
            HeapSnapshot last = reader.read(lastFile, ReadMode.GRAPH);
            Comparison comparison = await(baseline).compareWith(last);
            // Before the census, which keeps the owned-reference counts: the peak stays lower.
            last.prepareRetainedSizes();
            censuses.add(Census.of(label(lastFile), last));
            return new SnapshotSeries(censuses, last, comparison);
        } finally {
            threads.shutdownNow();
        }
    }

    private Baseline readBaseline(Path file) throws IOException {
        HeapSnapshot snapshot = reader.read(file, ReadMode.SUMMARY);
        return new Baseline(Census.of(label(file), snapshot), ObjectIds.of(snapshot));
    }

    private Census readIntermediate(Path file, Future<Baseline> baseline) throws IOException, InterruptedException {
        HeapSnapshot snapshot = reader.read(file, ReadMode.SUMMARY);
        await(baseline).ids().requireSameProcess(snapshot);
        return Census.of(label(file), snapshot);
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

    /** What is kept of the first snapshot: its census, and its object ids to check and compare the others with. */
    private static final class Baseline {

        private final Census census;
        private ObjectIds ids;

        Baseline(Census census, ObjectIds ids) {
            this.census = census;
            this.ids = ids;
        }

        Census census() {
            return census;
        }

        ObjectIds ids() {
            return ids;
        }

        /**
         * Checks the last snapshot and compares it with the baseline, then lets go of the baseline's ids:
         * they take about as much memory as the last snapshot's census needs next.
         */
        Comparison compareWith(HeapSnapshot last) throws DifferentProcessesException {
            ObjectIds baselineIds = ids;
            ids = null;
            baselineIds.requireSameProcess(last);
            return Comparison.between(baselineIds, last);
        }
    }
}
