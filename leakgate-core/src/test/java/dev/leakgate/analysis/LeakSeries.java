package dev.leakgate.analysis;

import dev.leakgate.snapshot.HeapSnapshot;
import dev.leakgate.snapshot.HeapSnapshotReader;
import dev.leakgate.snapshot.HeapSummary;
import dev.leakgate.snapshot.ReadMode;
import dev.leakgate.snapshot.TestSnapshots;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The snapshots of {@code make-leak-snapshots.js} read as the gate reads a run's: summaries, then the last as a graph. */
record LeakSeries(List<Census> censuses, HeapSnapshot last) {

    static LeakSeries read(List<Path> files) throws IOException {
        HeapSnapshotReader reader = new HeapSnapshotReader();
        List<Census> censuses = new ArrayList<>();
        HeapSnapshot last;
        for (int i = 0; i < files.size() - 1; i++) {
            censuses.add(Census.of("s" + i, reader.read(files.get(i), ReadMode.SUMMARY)));
        }
        last = reader.read(files.get(files.size() - 1), ReadMode.GRAPH);
        censuses.add(Census.of("s" + (files.size() - 1), last));
        return new LeakSeries(censuses, last);
    }

    /** The leaks as the gate finds them, scripts named relative to the test's directory. */
    List<Leak> leaks() {
        return new SeriesAnalyzer(LeakThresholds.defaults(), ScriptCatalog.empty(Path.of(".")))
                .analyze(censuses, last, TestSnapshots.LEAK_REQUESTS_PER_ROUND);
    }
}
