package dev.leakgate.bench;

import dev.leakgate.gate.TeeOutputStream;
import dev.leakgate.inspector.InspectorAnnouncement;
import dev.leakgate.inspector.InspectorSession;
import dev.leakgate.snapshot.HeapSnapshot;
import dev.leakgate.snapshot.HeapSnapshotReader;
import dev.leakgate.snapshot.ReadMode;

import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Acceptance point 4 of the snapshot engine, run on demand (not a test): one Node heap of a few hundred
 * MB, snapshotted in turns by Node itself ({@code v8.writeHeapSnapshot()}, timed inside the process)
 * and the way the gate takes it (inspector transfer, parsed while it arrives, file written on the way).
 *
 * <p>usage: {@code SnapshotTransferBenchmark <transfer-heap.js> <objects> <pairs> <scratch directory>}
 */
public final class SnapshotTransferBenchmark {

    private static final Duration CALL_TIMEOUT = Duration.ofMinutes(10);

    private SnapshotTransferBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path script = Path.of(args[0]);
        int objects = Integer.parseInt(args[1]);
        int pairs = Integer.parseInt(args[2]);
        Path scratch = Files.createDirectories(Path.of(args[3]));
        Process node = new ProcessBuilder("node", "--inspect=127.0.0.1:0", "--expose-gc", script.toString(),
                Integer.toString(objects), scratch.toString())
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            URI inspector = inspectorUrl(node);
            try (InspectorSession session = InspectorSession.connect(inspector, CALL_TIMEOUT)) {
                session.enableDomains();
                awaitReady(session);
                System.out.printf("heap used after GC: %,d bytes%n", session.heapUsage(CALL_TIMEOUT).usedBytes());
                measure(session, pairs, scratch);
            }
        } finally {
            node.destroyForcibly().waitFor();
        }
    }

    private static void measure(InspectorSession session, int pairs, Path scratch) throws Exception {
        HeapSnapshotReader reader = new HeapSnapshotReader();
        List<Double> ratios = new ArrayList<>();
        List<Double> nodeTimes = new ArrayList<>();
        List<Double> gateTimes = new ArrayList<>();
        for (int pair = 1; pair <= pairs; pair++) {
            double nodeMillis = Double.parseDouble(session.evaluate("writeSnapshotTimed()"));
            session.collectGarbage();
            Path file = scratch.resolve("gate-taken.heapsnapshot");
            long start = System.nanoTime();
            HeapSnapshot snapshot;
            try (OutputStream copy = Files.newOutputStream(file)) {
                snapshot = reader.read(parser -> session.takeHeapSnapshot(new TeeOutputStream(parser, copy), CALL_TIMEOUT),
                        file.toString(), ReadMode.GRAPH);
            }
            double gateMillis = (System.nanoTime() - start) / 1e6;
            nodeTimes.add(nodeMillis);
            gateTimes.add(gateMillis);
            ratios.add(gateMillis / nodeMillis);
            System.out.printf(Locale.ROOT, "pair %d: v8.writeHeapSnapshot %.0f ms (%,d bytes); gate transfer+parse"
                    + " %.0f ms (%,d bytes, %,d nodes); ratio %.2f%n", pair, nodeMillis,
                    Files.size(scratch.resolve("node-written.heapsnapshot")), gateMillis, Files.size(file),
                    snapshot.nodeCount(), gateMillis / nodeMillis);
        }
        System.out.printf(Locale.ROOT, "median: v8.writeHeapSnapshot %.0f ms, gate %.0f ms, ratio %.2f%n",
                median(nodeTimes), median(gateTimes), median(ratios));
    }

    private static void awaitReady(InspectorSession session) throws Exception {
        while (!"function".equals(session.evaluate("typeof writeSnapshotTimed"))) {
            Thread.sleep(200);
        }
    }

    private static URI inspectorUrl(Process node) throws Exception {
        return InspectorAnnouncement.watch(node, line -> { }).get(30, TimeUnit.SECONDS);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
