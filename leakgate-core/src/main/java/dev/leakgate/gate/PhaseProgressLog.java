package dev.leakgate.gate;

import dev.leakgate.inspector.InspectorException;
import dev.leakgate.inspector.InspectorSession;
import dev.leakgate.load.LoadProgress;
import dev.leakgate.load.ProgressSnapshot;

import java.time.Duration;

/** A line in the log every two seconds of a long load phase, with the app's heap when the inspector tells it in time. */
final class PhaseProgressLog implements LoadProgress {

    /** The load never waits for the heap figure, but the line does; a late figure is not worth a late line. */
    private static final Duration HEAP_USAGE_WAIT = Duration.ofMillis(500);

    private final Console console;
    private final InspectorSession session;

    PhaseProgressLog(Console console, InspectorSession session) {
        this.console = console;
        this.session = session;
    }

    @Override
    public void report(ProgressSnapshot progress) {
        String line = Verdicts.describeProgress(progress);
        try {
            line += ", heap used " + Units.bytes(session.heapUsage(HEAP_USAGE_WAIT).usedBytes());
        } catch (InspectorException busyOrGone) {
            // the line still shows that the load goes on; a gone app is reported when the phase ends
        } catch (InterruptedException phaseEnded) {
            // the phase's own summary line follows instead
            Thread.currentThread().interrupt();
            return;
        }
        console.info(line);
    }
}
