package dev.leakgate.maven;

import dev.leakgate.run.RunOutcome;
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
        RunOutcome outcome;
        try {
            outcome = leakgate().baseline(settings());
        } catch (IOException e) {
            throw new MojoExecutionException("leakgate could not write the baseline file: " + e.getMessage(), e);
        }
        switch (outcome.result().verdict()) {
            case ERROR -> throw new MojoExecutionException(outcome.message());
            case CRASH -> throw new MojoFailureException(outcome.message() + System.lineSeparator()
                    + "Nothing was recorded.");
            case PASS, LEAK -> { }
        }
    }
}
