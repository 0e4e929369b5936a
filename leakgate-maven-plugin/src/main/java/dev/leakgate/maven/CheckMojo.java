package dev.leakgate.maven;

import dev.leakgate.analysis.Finding;
import dev.leakgate.analysis.LeakThresholds;
import dev.leakgate.gate.AttachSpec;
import dev.leakgate.gate.Gate;
import dev.leakgate.gate.GateConfig;
import dev.leakgate.gate.GateResult;
import dev.leakgate.gate.InvalidConfigurationException;
import dev.leakgate.gate.KeepSnapshots;
import dev.leakgate.gate.Units;
import dev.leakgate.gate.Verdict;
import dev.leakgate.load.RequestSpec;
import dev.leakgate.process.LaunchSpec;
import dev.leakgate.process.NodeLauncher;
import dev.leakgate.report.FindingsTable;
import dev.leakgate.report.MarkdownSummary;
import dev.leakgate.report.ReportWriter;
import dev.leakgate.snapshot.HeapSnapshotReader;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Starts the Node.js app with the inspector, serves it warm-up and measured rounds of requests, takes a heap
 * snapshot after each, and fails the build when a constructor grows with the requests served.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends AbstractMojo {

    /** Entry script of the app, relative to {@code workingDirectory}; required unless attaching. */
    @Parameter(property = "leakgate.script")
    private String script;

    /** Arguments passed to the script. */
    @Parameter(property = "leakgate.scriptArgs")
    private List<String> scriptArgs;

    /** Node executable: a name on the PATH or a path. */
    @Parameter(property = "leakgate.node", defaultValue = "node")
    private String node;

    /** Extra Node flags, e.g. {@code --max-old-space-size=256}. */
    @Parameter(property = "leakgate.nodeOptions")
    private List<String> nodeOptions;

    /** Directory the app runs in. */
    @Parameter(property = "leakgate.workingDirectory", defaultValue = "${project.basedir}")
    private File workingDirectory;

    /** Extra environment variables for the app. */
    @Parameter(property = "leakgate.environment")
    private Map<String, String> environment;

    /** Port the app listens on; 0 picks a free loopback port and passes it in {@code portVariable}. */
    @Parameter(property = "leakgate.port", defaultValue = "0")
    private int port;

    /** Environment variable that carries the port to the app. */
    @Parameter(property = "leakgate.portVariable", defaultValue = "PORT")
    private String portVariable;

    /** Path polled with GET until the app answers; also the default request. */
    @Parameter(property = "leakgate.readyPath", defaultValue = "/")
    private String readyPath;

    /** Seconds the app has to answer {@code readyPath}. */
    @Parameter(property = "leakgate.startupTimeout", defaultValue = "30")
    private int startupTimeout;

    /**
     * Attach mode: where an app started by someone else (docker compose, a script) serves HTTP, e.g.
     * {@code http://127.0.0.1:3000}. Set together with {@code inspectorUrl}; leakgate then starts and stops nothing.
     */
    @Parameter(property = "leakgate.baseUrl")
    private String baseUrl;

    /**
     * Attach mode: the app's inspector, {@code ws://host:port/<id>} or {@code http://host:port} (the target is
     * looked up in {@code /json/list}). The app must run with {@code --inspect}.
     */
    @Parameter(property = "leakgate.inspectorUrl")
    private String inspectorUrl;

    /**
     * Attach mode: accept an inspector on a non-loopback address. Whoever reaches a Node inspector can run any
     * code in the app; prefer forwarding the port to 127.0.0.1.
     */
    @Parameter(property = "leakgate.allowRemoteInspector", defaultValue = "false")
    private boolean allowRemoteInspector;

    /** Concurrent keep-alive connections of the load generator. */
    @Parameter(property = "leakgate.connections", defaultValue = "8")
    private int connections;

    /** Requests served before the baseline snapshot, so that one-off growth happens before measuring. */
    @Parameter(property = "leakgate.warmupRequests", defaultValue = "1000")
    private int warmupRequests;

    /** Measured rounds, each followed by a snapshot; growth must repeat in every round (at least 2). */
    @Parameter(property = "leakgate.rounds", defaultValue = "3")
    private int rounds;

    /** Requests per round, exactly. */
    @Parameter(property = "leakgate.requestsPerRound", defaultValue = "2000")
    private int requestsPerRound;

    /**
     * Requests to send, in order and cycling: {@code <request>} elements with {@code method} (GET),
     * {@code path}, {@code headers}, {@code body}, {@code contentType}. Default: GET {@code readyPath}.
     */
    @Parameter(property = "leakgate.requests")
    private List<Request> requests;

    /** Seconds one request may take before it counts as failed. */
    @Parameter(property = "leakgate.requestTimeout", defaultValue = "10")
    private int requestTimeout;

    /** Requests per second; 0 sends as fast as the connections go. Latency is then measured from each request's intended send time. */
    @Parameter(property = "leakgate.rate", defaultValue = "0")
    private double rate;

    /** Percent of failed requests in a phase above which the run cannot be judged (verdict ERROR). */
    @Parameter(property = "leakgate.maxErrorRate", defaultValue = "1.0")
    private double maxErrorRate;

    /**
     * Live instances a constructor may gain per request in every round without counting as a leak.
     * The default, 0.005, catches a leak of one object per 100 requests.
     */
    @Parameter(property = "leakgate.maxObjectsPerRequest")
    private Double maxObjectsPerRequest;

    /**
     * Constructors never reported as leaks, in addition to the engine internals that are always ignored:
     * (system), (compiled code), (object shape), (hidden), (code).
     */
    @Parameter(property = "leakgate.ignoredConstructors")
    private List<String> ignoredConstructors;

    /** When false, a leak or crash is reported and warned about but does not fail the build. */
    @Parameter(property = "leakgate.failOnLeak", defaultValue = "true")
    private boolean failOnLeak;

    /** When heap snapshots stay in {@code outputDirectory/snapshots}: never, onFailure, always. They hold heap contents, secrets included. */
    @Parameter(property = "leakgate.keepSnapshots", defaultValue = "onFailure")
    private String keepSnapshots;

    /**
     * Show string values from the heap in the reports (a sample of each growing string constructor). Off by
     * default: heap strings hold tokens, passwords and personal data.
     */
    @Parameter(property = "leakgate.showStringValues", defaultValue = "false")
    private boolean showStringValues;

    /** Seconds for the whole run, start-up included. */
    @Parameter(property = "leakgate.timeout", defaultValue = "600")
    private int timeout;

    /** Where report.html, report.json, TEST-leakgate.xml, app.log and snapshots are written. */
    @Parameter(property = "leakgate.outputDirectory", defaultValue = "${project.build.directory}/leakgate")
    private File outputDirectory;

    /** Skips the goal; no Node process is started. */
    @Parameter(property = "leakgate.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("leakgate is skipped (leakgate.skip=true)");
            return;
        }
        Clock clock = Clock.systemUTC();
        Path output = outputDirectory.toPath();
        GateResult result;
        try {
            GateConfig config = config(output);
            result = new Gate(new NodeLauncher(), new HeapSnapshotReader(), new MavenConsole(getLog()), clock).run(config);
        } catch (InvalidConfigurationException e) {
            result = GateResult.notStarted(e.getMessage(), clock.instant());
        }
        Path report = writeReports(result, output);
        summariseForCi(result, report);
        summarise(result, report);
        decide(result, report);
    }

    private GateConfig config(Path output) {
        LaunchSpec launch = new LaunchSpec(node, orEmpty(nodeOptions), workingDirectory.toPath().toAbsolutePath(),
                script == null ? "" : script, orEmpty(scriptArgs), environment == null ? Map.of() : Map.copyOf(environment),
                port, portVariable, readyPath, Duration.ofSeconds(startupTimeout), output.resolve("app.log"));
        return new GateConfig(launch, requestSpecs(), connections, warmupRequests, rounds, requestsPerRound,
                Duration.ofSeconds(requestTimeout), rate, maxErrorRate, thresholds(), keepSnapshotsPolicy(),
                Duration.ofSeconds(timeout), output, attachSpec(), showStringValues);
    }

    /** Null unless baseUrl or inspectorUrl is set; then both must be. */
    private AttachSpec attachSpec() {
        if (isBlank(baseUrl) && isBlank(inspectorUrl)) {
            return null;
        }
        return new AttachSpec(url("inspectorUrl", inspectorUrl), url("baseUrl", baseUrl), allowRemoteInspector);
    }

    private static URI url(String parameter, String value) {
        if (isBlank(value)) {
            return null;
        }
        try {
            return new URI(value.trim());
        } catch (URISyntaxException e) {
            throw new InvalidConfigurationException(parameter + " is not a valid URL: " + e.getMessage());
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private List<RequestSpec> requestSpecs() {
        if (requests == null || requests.isEmpty()) {
            return List.of(RequestSpec.get(readyPath));
        }
        try {
            return requests.stream().map(Request::toSpec).toList();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidConfigurationException("requests: " + e.getMessage());
        }
    }

    private LeakThresholds thresholds() {
        Set<String> ignored = new HashSet<>(LeakThresholds.ENGINE_INTERNALS);
        ignored.addAll(orEmpty(ignoredConstructors));
        double perRequest = maxObjectsPerRequest == null
                ? LeakThresholds.DEFAULT_MAX_OBJECTS_PER_REQUEST : maxObjectsPerRequest;
        try {
            return new LeakThresholds(perRequest, ignored);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(e.getMessage());
        }
    }

    private KeepSnapshots keepSnapshotsPolicy() {
        try {
            return KeepSnapshots.fromParameter(keepSnapshots);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(e.getMessage());
        }
    }

    private Path writeReports(GateResult result, Path output) throws MojoExecutionException {
        try {
            return new ReportWriter().writeAll(result, output);
        } catch (IOException e) {
            throw new MojoExecutionException("leakgate could not write its reports to " + output + ": " + e.getMessage(), e);
        }
    }

    /** GitHub Actions shows what a step appends to this file on the run's summary page. */
    private void summariseForCi(GateResult result, Path report) {
        String summaryFile = System.getenv("GITHUB_STEP_SUMMARY");
        if (summaryFile == null || summaryFile.isBlank()) {
            return;
        }
        try {
            new MarkdownSummary().appendTo(result, report, Path.of(summaryFile));
        } catch (IOException e) {
            getLog().warn("Could not append the leakgate summary to GITHUB_STEP_SUMMARY (" + summaryFile + "): "
                    + e.getMessage());
        }
    }

    private void summarise(GateResult result, Path report) {
        String headline = "leakgate " + result.verdict() + ": " + result.reason();
        if (result.verdict() == Verdict.PASS) {
            getLog().info(headline);
        } else {
            getLog().warn(headline);
        }
        if (!result.findings().isEmpty()) {
            new FindingsTable(10).render(result.findings()).forEach(line -> getLog().warn("  " + line));
        }
        getLog().info("Report: " + report);
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
        String top = result.findings().stream().limit(3)
                .map((Finding f) -> f.constructor() + " (+" + Units.decimal(f.growthPerRequest()) + " per request)")
                .collect(Collectors.joining(", "));
        return "leakgate found a memory leak: " + top + System.lineSeparator() + "Report: " + report;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
