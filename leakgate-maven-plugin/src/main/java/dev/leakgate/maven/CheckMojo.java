package dev.leakgate.maven;

import dev.leakgate.analysis.BaselineFileException;
import dev.leakgate.analysis.Leak;
import dev.leakgate.analysis.GrowthBaseline;
import dev.leakgate.analysis.GrowthBaselineFile;
import dev.leakgate.gate.GateResult;
import dev.leakgate.gate.Verdict;
import dev.leakgate.gate.Verdicts;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Starts the Node.js app with the inspector, serves it warm-up and measured rounds of requests, takes a heap
 * snapshot after each, and fails the build when something grows with the requests served beyond its limit
 * (and beyond the growth {@code baselineFile} accepts, if there is one).
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends GateMojo {

    /** When false, a leak or crash is reported and warned about but does not fail the build. */
    @Parameter(property = "leakgate.failOnLeak", defaultValue = "true")
    private boolean failOnLeak;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped()) {
            return;
        }
        GrowthBaseline baseline = readBaseline();
        Outcome outcome = runGate(baseline);
        decide(outcome.result(), outcome.report());
    }

    private GrowthBaseline readBaseline() throws MojoExecutionException {
        try {
            GrowthBaseline baseline = new GrowthBaselineFile().read(baselineFile());
            if (!baseline.accepted().isEmpty()) {
                getLog().info("Accepting the growth recorded in " + baselineFile() + " (" + baseline.accepted().size()
                        + " entries); failing only beyond it");
            }
            return baseline;
        } catch (BaselineFileException e) {
            throw new MojoExecutionException("leakgate cannot use its baseline: " + e.getMessage());
        }
    }

    private void decide(GateResult result, Path report) throws MojoExecutionException, MojoFailureException {
        switch (result.verdict()) {
            case PASS -> { }
            case ERROR -> throw new MojoExecutionException("leakgate could not judge the app: " + result.reason()
                    + System.lineSeparator() + "Report: " + report);
            case LEAK, CRASH -> {
                String message = failureMessage(result, report);
                if (failOnLeak) {
                    throw new MojoFailureException(message);
                }
                getLog().warn(message + " (failOnLeak=false: the build goes on)");
            }
        }
    }

    private static String failureMessage(GateResult result, Path report) {
        if (result.verdict() == Verdict.CRASH) {
            return "leakgate: the app crashed under load: " + result.reason() + System.lineSeparator() + "Report: " + report;
        }
        List<Leak> leaks = result.failingLeaks();
        String top = leaks.stream().limit(3).map(Verdicts::describe).collect(Collectors.joining("; "));
        String more = leaks.size() > 3 ? "; and " + (leaks.size() - 3) + " more" : "";
        return "leakgate: " + Verdicts.count(leaks.size()) + ": " + top + more + System.lineSeparator() + "Report: " + report;
    }
}
