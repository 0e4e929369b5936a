package dev.leakgate.run;

import dev.leakgate.analysis.BaselineFileException;
import dev.leakgate.analysis.GrowthBaseline;
import dev.leakgate.analysis.GrowthBaselineFile;
import dev.leakgate.analysis.LeakThresholds;
import dev.leakgate.gate.AttachSpec;
import dev.leakgate.gate.Console;
import dev.leakgate.gate.Gate;
import dev.leakgate.gate.GateConfig;
import dev.leakgate.process.LaunchSpec;
import dev.leakgate.process.NodeLauncher;
import dev.leakgate.report.LeaksTable;
import dev.leakgate.report.MarkdownSummary;
import dev.leakgate.report.ReportWriter;
import dev.leakgate.result.GateResult;
import dev.leakgate.result.Verdict;
import dev.leakgate.settings.InvalidSettingsException;
import dev.leakgate.settings.Parameters;
import dev.leakgate.settings.Settings;
import dev.leakgate.snapshot.HeapSnapshotReader;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

/**
 * The one way to run the gate, which the Maven goals and the command line call: settings in; the app launched (or
 * attached to), loaded, snapshotted and judged; the reports written and the verdict told on the console.
 */
public final class Leakgate {

    /** GitHub Actions shows what a step appends to this file on the run's summary page. */
    private static final String JOB_SUMMARY_VARIABLE = "GITHUB_STEP_SUMMARY";

    private final Console console;
    private final Clock clock;
    private final Map<String, String> environment;

    /** @param environment the build's environment, where a CI job summary file may be named */
    public Leakgate(Console console, Clock clock, Map<String, String> environment) {
        this.console = console;
        this.clock = clock;
        this.environment = Map.copyOf(environment);
    }

    /** A run with the process's clock and environment. */
    public static Leakgate forThisProcess(Console console) {
        return new Leakgate(console, Clock.systemUTC(), System.getenv());
    }

    /** {@code check} with settings as given: a value the gate cannot work with ends as an ERROR, reported. */
    public RunOutcome check(Settings.Builder given) {
        try {
            return check(given.build());
        } catch (InvalidSettingsException e) {
            return refuse(given, e);
        }
    }

    /** {@code baseline} with settings as given; see {@link #check(Settings.Builder)}. */
    public RunOutcome baseline(Settings.Builder given) throws IOException {
        try {
            return baseline(given.build());
        } catch (InvalidSettingsException e) {
            return refuse(given, e);
        }
    }

    /** {@code check}: judges the app, failing only beyond the growth the baseline file accepts. */
    public RunOutcome check(Settings settings) {
        GrowthBaseline baseline;
        try {
            baseline = new GrowthBaselineFile().read(settings.baselineFile());
        } catch (BaselineFileException e) {
            return reported(settings, GateResult.notStarted("cannot use its baseline: " + e.getMessage(), clock.instant()));
        }
        if (!baseline.accepted().isEmpty()) {
            console.info("Accepting the growth recorded in " + settings.baselineFile() + " (" + baseline.accepted().size()
                    + " entries); failing only beyond it");
        }
        return run(settings, baseline);
    }

    /**
     * {@code baseline}: measures the app as {@code check} does and records what grows into the baseline file, which
     * {@code check} then accepts. Nothing is recorded when the run crashes or cannot judge the app.
     */
    public RunOutcome baseline(Settings settings) throws IOException {
        RunOutcome outcome = run(settings, GrowthBaseline.NONE);
        Verdict verdict = outcome.result().verdict();
        if (verdict == Verdict.PASS || verdict == Verdict.LEAK) {
            GrowthBaseline recorded = GrowthBaseline.of(outcome.result().leaks());
            new GrowthBaselineFile().write(recorded, settings.baselineFile());
            if (recorded.accepted().isEmpty()) {
                console.info("Nothing grows per request; wrote an empty baseline to " + settings.baselineFile());
            } else {
                console.info("Wrote the growth of " + recorded.accepted().size() + " leak(s) to " + settings.baselineFile()
                        + "; check now fails only beyond it:");
                recorded.accepted().forEach(growth -> console.info("  " + growth.leak() + ": "
                        + growth.growthPerRequest() + " " + growth.subject() + " per request"));
            }
        }
        return outcome;
    }

    /** Reports a run that never started because of a bad value, in the output directory as far as it is known. */
    public RunOutcome refuse(Settings.Builder given, InvalidSettingsException problem) {
        GateResult result = GateResult.notStarted(problem.getMessage(), clock.instant());
        return reported(given.outputDirectory(), result, true);
    }

    private RunOutcome run(Settings settings, GrowthBaseline baseline) {
        GateResult result = new Gate(new NodeLauncher(), new HeapSnapshotReader(), console, clock)
                .run(config(settings, baseline));
        return reported(settings, result);
    }

    /** Writes the reports whatever the verdict, so that nothing is lost, and tells the verdict. */
    private RunOutcome reported(Settings settings, GateResult result) {
        return reported(settings.outputDirectory(), result, settings.get(Parameters.FAIL_ON_LEAK));
    }

    private RunOutcome reported(Path output, GateResult result, boolean failOnLeak) {
        Path report = null;
        try {
            report = new ReportWriter().writeAll(result, output);
        } catch (IOException e) {
            console.warn("leakgate could not write its reports to " + output + ": " + e.getMessage());
        }
        RunOutcome outcome = new RunOutcome(result, report, failOnLeak);
        summariseForCi(result, report);
        tell(outcome);
        return outcome;
    }

    private void summariseForCi(GateResult result, Path report) {
        String summaryFile = environment.get(JOB_SUMMARY_VARIABLE);
        if (summaryFile == null || summaryFile.isBlank() || report == null) {
            return;
        }
        try {
            new MarkdownSummary().appendTo(result, report, Path.of(summaryFile));
        } catch (IOException e) {
            console.warn("Could not append the leakgate summary to " + JOB_SUMMARY_VARIABLE + " (" + summaryFile + "): "
                    + e.getMessage());
        }
    }

    private void tell(RunOutcome outcome) {
        GateResult result = outcome.result();
        String headline = "leakgate " + result.verdict() + ": " + result.reason();
        if (outcome.passed()) {
            console.info(headline);
        } else {
            console.warn(headline);
        }
        if (!result.leaks().isEmpty()) {
            new LeaksTable(10).render(result.leaks()).forEach(line -> console.warn("  " + line));
        }
        if (outcome.report() != null) {
            console.info("Report: " + outcome.report());
        }
    }

    /** The gate's own form of the settings, every default filled in. */
    private static GateConfig config(Settings settings, GrowthBaseline baseline) {
        Path output = settings.outputDirectory();
        LaunchSpec launch = new LaunchSpec(settings.get(Parameters.NODE), settings.get(Parameters.NODE_OPTIONS),
                settings.workingDirectory(), settings.attaching() ? "" : settings.get(Parameters.SCRIPT),
                settings.get(Parameters.SCRIPT_ARGS), settings.get(Parameters.ENVIRONMENT),
                settings.get(Parameters.PORT), settings.get(Parameters.PORT_VARIABLE),
                settings.get(Parameters.READY_PATH), settings.get(Parameters.STARTUP_TIMEOUT), output.resolve("app.log"));
        LeakThresholds thresholds = new LeakThresholds(settings.get(Parameters.MAX_OBJECTS_PER_REQUEST),
                settings.get(Parameters.MAX_BYTES_PER_REQUEST), settings.get(Parameters.RULES),
                Set.copyOf(settings.get(Parameters.IGNORED_CONSTRUCTORS)), baseline);
        AttachSpec attach = settings.attaching() ? new AttachSpec(settings.get(Parameters.INSPECTOR_URL),
                settings.get(Parameters.BASE_URL), settings.get(Parameters.ALLOW_REMOTE_INSPECTOR)) : null;
        return new GateConfig(launch, settings.requests(), settings.get(Parameters.CONNECTIONS),
                settings.get(Parameters.WARMUP_REQUESTS), settings.get(Parameters.ROUNDS),
                settings.get(Parameters.REQUESTS_PER_ROUND), settings.get(Parameters.REQUEST_TIMEOUT),
                settings.get(Parameters.RATE), settings.get(Parameters.MAX_ERROR_RATE), thresholds,
                settings.get(Parameters.KEEP_SNAPSHOTS), settings.get(Parameters.TIMEOUT), output, attach,
                settings.get(Parameters.SHOW_STRING_VALUES), settings.get(Parameters.SETUP_REQUESTS),
                settings.get(Parameters.COOKIES), settings.get(Parameters.MEASURE_WORKERS));
    }
}
