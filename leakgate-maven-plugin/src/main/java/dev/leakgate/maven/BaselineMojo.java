package dev.leakgate.maven;

import dev.leakgate.analysis.GrowthBaseline;
import dev.leakgate.analysis.GrowthBaselineFile;
import dev.leakgate.gate.GateResult;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

import java.io.IOException;

/**
 * Measures the app exactly as {@code check} does and writes the growth found into {@code baselineFile}, which
 * {@code check} then accepts: for a service that already leaks, the gate then fails only on new leaks and on
 * known ones getting worse. Commit the file; record it again when a leak is fixed.
 */
@Mojo(name = "baseline", threadSafe = true)
public class BaselineMojo extends GateMojo {

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped()) {
            return;
        }
        Outcome outcome = runGate(GrowthBaseline.NONE);
        GateResult result = outcome.result();
        switch (result.verdict()) {
            case ERROR -> throw new MojoExecutionException("leakgate could not measure the app: " + result.reason()
                    + System.lineSeparator() + "Report: " + outcome.report());
            case CRASH -> throw new MojoFailureException("leakgate: the app crashed under load, nothing was recorded: "
                    + result.reason() + System.lineSeparator() + "Report: " + outcome.report());
            case PASS, LEAK -> record(GrowthBaseline.of(result.leaks()));
        }
    }

    private void record(GrowthBaseline baseline) throws MojoExecutionException {
        try {
            new GrowthBaselineFile().write(baseline, baselineFile());
        } catch (IOException e) {
            throw new MojoExecutionException("leakgate could not write " + baselineFile() + ": " + e.getMessage(), e);
        }
        if (baseline.accepted().isEmpty()) {
            getLog().info("Nothing grows per request; wrote an empty baseline to " + baselineFile());
            return;
        }
        getLog().info("Wrote the growth of " + baseline.accepted().size() + " leak(s) to " + baselineFile()
                + "; check now fails only beyond it:");
        baseline.accepted().forEach(growth -> getLog().info("  " + growth.leak() + ": " + growth.growthPerRequest()
                + " " + growth.subject() + " per request"));
    }
}
