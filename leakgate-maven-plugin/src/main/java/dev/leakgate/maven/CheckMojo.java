package dev.leakgate.maven;

import dev.leakgate.run.RunOutcome;
import dev.leakgate.settings.Parameters;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Starts the Node.js app with the inspector, serves it warm-up and measured rounds of requests, takes a heap
 * snapshot after each, and fails the build when something grows with the requests served beyond its limit
 * (and beyond the growth {@code baselineFile} accepts, if there is one).
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends GateMojo {

    /** When false, a leak or crash is reported and warned about but does not fail the build. */
    @Parameter(property = "leakgate.failOnLeak")
    private Boolean failOnLeak;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped()) {
            return;
        }
        RunOutcome outcome = leakgate().check(settings().set(Parameters.FAIL_ON_LEAK, failOnLeak));
        switch (outcome.result().verdict()) {
            case PASS -> { }
            case ERROR -> throw new MojoExecutionException(outcome.message());
            case LEAK, CRASH -> {
                if (outcome.exitCode() != 0) {
                    throw new MojoFailureException(outcome.message());
                }
                getLog().warn(outcome.message() + " (failOnLeak=false: the build goes on)");
            }
        }
    }
}
