package dev.leakgate.gate;

import dev.leakgate.load.LoadProgress;
import dev.leakgate.load.ProgressSnapshot;
import dev.leakgate.result.Verdicts;
import dev.leakgate.text.NumberText;

/** A line in the log every two seconds of a long load phase, with the app's heap as last polled. */
final class PhaseProgressLog implements LoadProgress {

    private final Console console;
    private final HeapSampler heap;

    PhaseProgressLog(Console console, HeapSampler heap) {
        this.console = console;
        this.heap = heap;
    }

    @Override
    public void report(ProgressSnapshot progress) {
        String line = Verdicts.describeProgress(progress);
        long heapUsed = heap.latestUsedBytes();
        console.info(heapUsed < 0 ? line : line + ", heap used " + NumberText.bytes(heapUsed));
    }
}
