package dev.leakgate.snapshot;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two Node processes running the same script, snapshotted at the same points. */
class SameProcessTest {

    private final HeapSnapshotReader reader = new HeapSnapshotReader();

    @Test
    void acceptsLaterSnapshotsOfTheSameProcess() throws IOException {
        List<Path> series = TestSnapshots.series();
        ObjectIds baseline = ObjectIds.of(reader.read(series.get(0), ReadMode.SUMMARY));
        for (Path later : series.subList(1, series.size())) {
            HeapSnapshot snapshot = reader.read(later, ReadMode.GRAPH);
            assertDoesNotThrow(() -> baseline.requireSameProcess(snapshot), later.toString());
        }
    }

    @Test
    void refusesASnapshotOfAnotherProcessRunningTheSameProgram() throws IOException {
        ObjectIds baseline = ObjectIds.of(reader.read(TestSnapshots.series().get(0), ReadMode.SUMMARY));
        Path other = TestSnapshots.seriesOfAnotherProcess().get(2);
        HeapSummary later = reader.read(other, ReadMode.SUMMARY);
        DifferentProcessesException refused = assertThrows(DifferentProcessesException.class,
                () -> baseline.requireSameProcess(later));
        assertTrue(refused.getMessage().startsWith(other + " is not a later snapshot of the process "
                + TestSnapshots.series().get(0) + " was taken from"), refused.getMessage());
    }

    @Test
    void refusesAnEarlierSnapshotOfAnotherProcessTakenAtTheSamePoint() throws IOException {
        ObjectIds baseline = ObjectIds.of(reader.read(TestSnapshots.series().get(0), ReadMode.SUMMARY));
        HeapSnapshot sameMoment = reader.read(TestSnapshots.seriesOfAnotherProcess().get(0), ReadMode.GRAPH);
        assertThrows(DifferentProcessesException.class, () -> baseline.requireSameProcess(sameMoment));
    }
}
