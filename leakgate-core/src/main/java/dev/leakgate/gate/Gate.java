package dev.leakgate.gate;

import dev.leakgate.analysis.Leak;
import dev.leakgate.process.LaunchException;
import dev.leakgate.process.LaunchSpec;
import dev.leakgate.process.NodeApp;
import dev.leakgate.process.NodeLauncher;
import dev.leakgate.process.RunningApp;
import dev.leakgate.result.GateResult;
import dev.leakgate.result.Verdict;
import dev.leakgate.result.Verdicts;
import dev.leakgate.settings.KeepSnapshots;
import dev.leakgate.snapshot.HeapSnapshotReader;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One gate run as README.md's "How it decides" lays it out: launch, one inspector session, warm-up, baseline
 * snapshot, measured rounds each followed by a snapshot, analysis, and the app stopped on every path.
 *
 * <p>{@link #run} never throws, whatever the user, the app or leakgate itself did: every ending is a
 * {@link GateResult} with its verdict and reason, so the reports can always be written.
 */
public final class Gate {

    private static final int TAIL_LINES = 20;
    private static final Duration INSPECTOR_LOOKUP_TIMEOUT = Duration.ofSeconds(10);

    private final NodeLauncher launcher;
    private final HeapSnapshotReader reader;
    private final Console console;
    private final Clock clock;

    public Gate(NodeLauncher launcher, HeapSnapshotReader reader, Console console, Clock clock) {
        this.launcher = launcher;
        this.reader = reader;
        this.console = console;
        this.clock = clock;
    }

    public GateResult run(GateConfig config) {
        Instant started = clock.instant();
        Measurements measured = new Measurements();
        GateResult result;
        try (RunWatchdog watchdog = new RunWatchdog(config.timeout(), Thread.currentThread())) {
            prepareOutputDirectory(config.outputDirectory(), config.launch().appLog());
            RunningApp app = config.attaching() ? attach(config, watchdog) : launch(config, measured, watchdog);
            List<Leak> leaks;
            try (app) {
                leaks = new MeasuredRun(config, app, reader, console, clock, measured, watchdog, started).measure();
            }
            result = finish(Verdicts.verdictOf(leaks), Verdicts.explainSeries(leaks, config.rounds(), config.requestsPerRound(),
                    config.thresholds().maxObjectsPerRequest()), leaks, List.of(), measured,
                    config, started);
        } catch (RunStopped stopped) {
            result = finish(stopped.verdict(), stopped.getMessage(), List.of(), stopped.appLogTail(), measured, config, started);
        } catch (IOException e) {
            // Only preparing the output directory throws it, before anything starts.
            result = finish(Verdict.ERROR, "cannot write to " + config.outputDirectory() + ": " + e.getMessage(),
                    List.of(), List.of(), measured, config, started);
        } catch (RuntimeException e) {
            // A fault of leakgate's own or of the machine: the app is stopped all the same and the reports say why.
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            console.warn("leakgate stopped on an unexpected error; please report it with this trace:\n" + trace);
            result = finish(Verdict.ERROR, "leakgate stopped on an unexpected error: " + e, List.of(), List.of(),
                    measured, config, started);
        }
        applySnapshotPolicy(config.keepSnapshots(), result.verdict(), measured.snapshotFiles());
        return result;
    }

    private NodeApp launch(GateConfig config, Measurements measured, RunWatchdog watchdog) throws RunStopped {
        LaunchSpec launch = config.launch();
        console.info("Starting " + launch.script() + " in " + launch.workingDirectory());
        try {
            // Checked first: an old Node fails in confusing ways (unknown flags, missing APIs) once started.
            measured.nodeVersion(launcher.nodeVersion(launch.node(), launch.workingDirectory()));
            NodeApp app = launcher.launch(launch, console::appOutput);
            try {
                console.info("App ready at " + app.baseUrl() + " (pid " + app.pid() + ")");
                return app;
            } catch (RuntimeException e) {
                app.close(); // not yet in the hands of the caller, which stops it on every other path
                throw e;
            }
        } catch (LaunchException e) {
            if (watchdog.fired()) {
                throw watchdog.timedOut("start-up", e.lastLines());
            }
            throw new RunStopped(Verdict.ERROR, e.getMessage(), e.lastLines());
        } catch (InterruptedException e) {
            throw interruptedDuringStartUp(watchdog);
        }
    }

    private RunningApp attach(GateConfig config, RunWatchdog watchdog) throws RunStopped {
        AttachSpec attach = config.attach();
        console.info("Attaching to the app at " + attach.baseUrl() + " through the inspector at " + attach.inspectorUrl()
                + "; it was started elsewhere and is left running");
        try {
            return new Attacher(INSPECTOR_LOOKUP_TIMEOUT).attach(attach, config.launch());
        } catch (InterruptedException e) {
            throw interruptedDuringStartUp(watchdog);
        }
    }

    private static RunStopped interruptedDuringStartUp(RunWatchdog watchdog) {
        if (watchdog.fired()) {
            return watchdog.timedOut("start-up", List.of());
        }
        Thread.currentThread().interrupt();
        return new RunStopped(Verdict.ERROR, "interrupted while the app was starting", List.of());
    }

    private GateResult finish(Verdict verdict, String reason, List<Leak> leaks, List<String> appLogTail,
                              Measurements measured, GateConfig config, Instant started) {
        Instant now = clock.instant();
        return new GateResult(verdict, reason, leaks, measured.phases(), measured.snapshots(),
                measured.heapTimeline(), tail(appLogTail), measured.nodeVersion(), started,
                Duration.between(started, now), measured.comparison(), config.settings());
    }

    private static void prepareOutputDirectory(Path outputDirectory, Path appLog) throws IOException {
        Path snapshots = outputDirectory.resolve("snapshots");
        Files.createDirectories(snapshots);
        // An earlier run's output would pass for this one's where the app is attached to or never starts.
        Files.deleteIfExists(appLog);
        // Snapshots of an earlier run would pass for this run's evidence.
        try (var old = Files.list(snapshots)) {
            for (Path file : (Iterable<Path>) old::iterator) {
                if (file.getFileName().toString().endsWith(".heapsnapshot")) {
                    Files.delete(file);
                }
            }
        }
    }

    private void applySnapshotPolicy(KeepSnapshots policy, Verdict verdict, List<Path> files) {
        if (policy.keeps(verdict)) {
            return;
        }
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                console.warn("Could not delete heap snapshot " + file + " (it holds heap contents): " + e.getMessage());
            }
        }
    }

    static List<String> tail(List<String> lines) {
        return lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
    }
}
