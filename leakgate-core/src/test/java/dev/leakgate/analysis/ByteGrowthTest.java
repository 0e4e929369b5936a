package dev.leakgate.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leakgate.snapshot.HeapSnapshot;
import dev.leakgate.snapshot.ReadMode;
import dev.leakgate.snapshot.SnapshotJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Growth in bytes where no constructor gains objects: a buffer replaced by a longer one leaks; an object whose
 * property store grows while it holds the same properties does not.
 */
class ByteGrowthTest {

    private static final int REQUESTS_PER_ROUND = 100;
    /** Bytes per round: ten per request, over the default limit of four. */
    private static final int BYTES_PER_ROUND = 1000;

    @Test
    void bytesOfABufferThatGrowsInEveryRoundAreALeak() throws IOException {
        List<String> failing = failing(round -> {
            SnapshotJson heap = new SnapshotJson();
            int buffer = heap.node("object", "Buffer", 80);
            int store = heap.node("native", "system / JSArrayBufferData", 1000 + round * BYTES_PER_ROUND, 2);
            heap.edge(heap.root(), "element", "1", buffer).edge(buffer, "internal", "backing_store", store);
            return heap;
        });

        assertEquals(List.of("system / JSArrayBufferData"), failing);
    }

    @Test
    void anObjectWhosePropertyStoreGrowsWithItsPropertiesUnchangedIsNoLeak() throws IOException {
        List<String> failing = failing(round -> {
            SnapshotJson heap = new SnapshotJson();
            int global = heap.node("object", "global", 8000 + round * BYTES_PER_ROUND);
            heap.edge(heap.root(), "element", "1", global);
            for (int property = 0; property < 20; property++) {
                int value = heap.node("object", "Setting", 32);
                heap.edge(global, "property", "setting" + property, value);
            }
            return heap;
        });

        assertEquals(List.of(), failing);
    }

    /** A snapshot of round {@code round}, the baseline being round 0; the same nodes keep the same ids. */
    @FunctionalInterface
    private interface Round {
        SnapshotJson heap(int round) throws IOException;
    }

    private static List<String> failing(Round rounds) throws IOException {
        List<Census> series = new ArrayList<>();
        HeapSnapshot last = null;
        for (int round = 0; round <= 3; round++) {
            last = rounds.heap(round).read(ReadMode.GRAPH);
            series.add(Census.of("s" + round, last));
        }
        List<Leak> leaks = new SeriesAnalyzer(LeakThresholds.defaults(), ScriptCatalog.empty(Path.of(".")))
                .analyze(series, last, REQUESTS_PER_ROUND);
        return SeriesAnalyzer.findingsOf(leaks).stream().filter(Finding::failing).map(Finding::constructor).toList();
    }
}
