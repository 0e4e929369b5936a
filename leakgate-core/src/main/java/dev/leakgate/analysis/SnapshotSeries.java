package dev.leakgate.analysis;

import dev.leakgate.snapshot.Comparison;
import dev.leakgate.snapshot.DifferentProcessesException;
import dev.leakgate.snapshot.HeapSnapshot;
import dev.leakgate.snapshot.HeapSummary;
import dev.leakgate.snapshot.ObjectIds;

import java.util.ArrayList;
import java.util.List;

/**
 * The snapshots of one process in order, kept as the analysis needs them and no more: one census each, the
 * baseline's object ids until the last snapshot is compared with them, and the last one whole. The live gate and
 * {@code compare} keep their series here alike; only files are checked to come from one process.
 */
public final class SnapshotSeries {

    private final boolean checkSameProcess;
    private final List<Census> censuses = new ArrayList<>();
    private ObjectIds baselineIds;
    private HeapSnapshot last;
    private Comparison comparison;

    private SnapshotSeries(boolean checkSameProcess) {
        this.checkSameProcess = checkSameProcess;
    }

    /**
     * The snapshots the gate takes of the app it measures over one inspector session: one process by
     * construction. The check for files is a heuristic (objects keeping their type and name under their id), which
     * a live heap can trip where V8 renames an internal object.
     */
    public static SnapshotSeries ofTheMeasuredApp() {
        return new SnapshotSeries(false);
    }

    /** Snapshot files from elsewhere, each checked to come from the first one's process. */
    public static SnapshotSeries ofFiles() {
        return new SnapshotSeries(true);
    }

    /** The first snapshot, which the others are measured against. */
    public Census addBaseline(String label, HeapSummary baseline) {
        baselineIds = ObjectIds.of(baseline);
        return add(Census.of(label, baseline));
    }

    /**
     * A snapshot between the first and the last, as its census; safe to call from several threads at once, since
     * it only reads the baseline, while {@link #add} keeps the order.
     *
     * @throws DifferentProcessesException when it was not taken from the baseline's process
     */
    public Census censusOf(String label, HeapSummary snapshot) throws DifferentProcessesException {
        requireSameProcess(snapshot);
        return Census.of(label, snapshot);
    }

    /** A census of {@link #censusOf}, in its place in the series. */
    public Census add(Census census) {
        censuses.add(census);
        return census;
    }

    /**
     * The last snapshot: compared with the baseline, whose ids are then let go of (they take about as much memory as
     * the census needs next), and prepared for the retained sizes the analysis asks for.
     */
    public Census addLast(String label, HeapSnapshot snapshot) throws DifferentProcessesException {
        requireSameProcess(snapshot);
        comparison = Comparison.between(baselineIds, snapshot);
        baselineIds = null;
        last = snapshot;
        // Before the census, which keeps the owned-reference counts: the peak stays lower.
        snapshot.prepareRetainedSizes();
        return add(Census.of(label, snapshot));
    }

    private void requireSameProcess(HeapSummary snapshot) throws DifferentProcessesException {
        if (checkSameProcess) {
            baselineIds.requireSameProcess(snapshot);
        }
    }

    public List<Census> censuses() {
        return List.copyOf(censuses);
    }

    /** The last snapshot, whole; null until it is added. */
    public HeapSnapshot last() {
        return last;
    }

    /** The DevTools Comparison view from the baseline to the last snapshot; null until the last is added. */
    public Comparison comparison() {
        return comparison;
    }

    /** Lets go of the last snapshot, which the caller needs the memory of now. */
    public void releaseLast() {
        last = null;
    }
}
