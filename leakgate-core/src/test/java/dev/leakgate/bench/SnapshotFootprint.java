package dev.leakgate.bench;

import dev.leakgate.snapshot.HeapSnapshot;
import dev.leakgate.snapshot.HeapSnapshotReader;
import dev.leakgate.snapshot.ReadMode;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Acceptance point 3 of the snapshot engine, run on demand (not a test): the Java heap a snapshot
 * read as a graph takes, per node and per edge. Each file is read in turn and the heap in use after
 * a full GC is measured; bytes per node and per edge then come from a least-squares fit over the
 * files (a series of one process has different node-to-edge ratios), strings counted with the nodes.
 *
 * <p>usage: {@code SnapshotFootprint <file.heapsnapshot>...}, e.g. with {@code -Xmx3g -XX:+UseSerialGC}
 */
public final class SnapshotFootprint {

    private SnapshotFootprint() {}

    public static void main(String[] args) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        double[][] samples = new double[args.length][];
        for (int i = 0; i < args.length; i++) {
            long before = usedAfterGc(memory);
            long start = System.nanoTime();
            HeapSnapshot snapshot = new HeapSnapshotReader().read(Path.of(args[i]), ReadMode.GRAPH);
            long millis = (System.nanoTime() - start) / 1_000_000;
            long used = usedAfterGc(memory) - before;
            System.out.printf(Locale.ROOT, "%s: %,d nodes, %,d edges, read in %,d ms, %,d bytes of heap%n", args[i],
                    snapshot.nodeCount(), snapshot.edgeCount(), millis, used);
            samples[i] = new double[] {snapshot.nodeCount(), snapshot.edgeCount(), used};
        }
        if (samples.length >= 2) {
            // Least squares for used = perNode * nodes + perEdge * edges.
            double nn = 0;
            double ne = 0;
            double ee = 0;
            double nu = 0;
            double eu = 0;
            for (double[] sample : samples) {
                nn += sample[0] * sample[0];
                ne += sample[0] * sample[1];
                ee += sample[1] * sample[1];
                nu += sample[0] * sample[2];
                eu += sample[1] * sample[2];
            }
            double determinant = nn * ee - ne * ne;
            System.out.printf(Locale.ROOT, "fit: %.1f bytes per node (strings included), %.1f bytes per edge%n",
                    (nu * ee - eu * ne) / determinant, (nn * eu - ne * nu) / determinant);
        }
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
