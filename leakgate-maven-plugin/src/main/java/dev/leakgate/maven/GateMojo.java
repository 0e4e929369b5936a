package dev.leakgate.maven;

import dev.leakgate.analysis.ConstructorRule;
import dev.leakgate.analysis.GrowthBaseline;
import dev.leakgate.analysis.LeakThresholds;
import dev.leakgate.gate.AttachSpec;
import dev.leakgate.gate.Gate;
import dev.leakgate.gate.GateConfig;
import dev.leakgate.gate.GateResult;
import dev.leakgate.gate.InvalidConfigurationException;
import dev.leakgate.gate.KeepSnapshots;
import dev.leakgate.gate.Verdict;
import dev.leakgate.load.RequestSpec;
import dev.leakgate.process.LaunchSpec;
import dev.leakgate.process.NodeLauncher;
import dev.leakgate.report.LeaksTable;
import dev.leakgate.report.MarkdownSummary;
import dev.leakgate.report.ReportWriter;
import dev.leakgate.snapshot.HeapSnapshotReader;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parameters of a gate run and their mapping to the core's configuration, shared by the goals that run
 * the app ({@code check}, {@code baseline}) so that both measure exactly the same way.
 */
abstract class GateMojo extends AbstractMojo {

    /** Entry script of the app, relative to {@code workingDirectory}. */
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
     * Bytes a constructor may gain per request in every round without counting as a leak (strings, Buffers).
     * The default, 4, is 4 KB over a round of 1,000 requests.
     */
    @Parameter(property = "leakgate.maxBytesPerRequest")
    private Double maxBytesPerRequest;

    /**
     * Per-constructor limits that replace the general ones: {@code <rule>} elements with {@code constructor} and
     * {@code maxObjectsPerRequest} and/or {@code maxBytesPerRequest}.
     */
    @Parameter(property = "leakgate.rules")
    private List<Rule> rules;

    /**
     * Constructors never reported at all. V8's own bookkeeping ((system), (compiled code), (object shape)) is
     * reported when it grows, but never fails the build by itself.
     */
    @Parameter(property = "leakgate.ignoredConstructors")
    private List<String> ignoredConstructors;

    /** Growth accepted per constructor, written by the {@code baseline} goal; {@code check} fails only beyond it. */
    @Parameter(property = "leakgate.baselineFile", defaultValue = "${project.basedir}/leakgate-baseline.json")
    private File baselineFile;

    /** When heap snapshots stay in {@code outputDirectory/snapshots}: never, onFailure, always. They hold heap contents, secrets included. */
    @Parameter(property = "leakgate.keepSnapshots", defaultValue = "onFailure")
    private String keepSnapshots;

    /** Seconds for the whole run, start-up included. */
    @Parameter(property = "leakgate.timeout", defaultValue = "600")
    private int timeout;

    /** Where report.html, report.json, TEST-leakgate.xml, app.log and snapshots are written. */
    @Parameter(property = "leakgate.outputDirectory", defaultValue = "${project.build.directory}/leakgate")
    private File outputDirectory;

    /**
     * Show string values from the heap in the reports (a sample of a growing {@code (string)}). Off by default:
     * heap strings hold tokens, passwords and personal data.
     */
    @Parameter(property = "leakgate.showStringValues", defaultValue = "false")
    private boolean showStringValues;

    /** Skips the goal; no Node process is started. */
    @Parameter(property = "leakgate.skip", defaultValue = "false")
    private boolean skip;

    /** The baseline file the goal reads or writes. */
    protected Path baselineFile() {
        return baselineFile.toPath();
    }

    protected boolean skipped() {
        if (skip) {
            getLog().info("leakgate is skipped (leakgate.skip=true)");
        }
        return skip;
    }

    /** Runs the gate against this baseline and writes the reports; bad parameters end as an ERROR result. */
    protected Outcome runGate(GrowthBaseline baseline) throws MojoExecutionException {
        Clock clock = Clock.systemUTC();
        Path output = outputDirectory.toPath();
        GateResult result;
        try {
            GateConfig config = config(output, baseline);
            result = new Gate(new NodeLauncher(), new HeapSnapshotReader(), new MavenConsole(getLog()), clock).run(config);
        } catch (InvalidConfigurationException e) {
            result = GateResult.notStarted(e.getMessage(), clock.instant());
        }
        Path report = writeReports(result, output);
        summariseForCi(result, report);
        summarise(result, report);
        return new Outcome(result, report);
    }

    /** A finished run and where its report is. */
    protected record Outcome(GateResult result, Path report) {
    }

    private GateConfig config(Path output, GrowthBaseline baseline) {
        return new GateConfig(launchSpec(output), requestSpecs(), connections, warmupRequests, rounds, requestsPerRound,
                Duration.ofSeconds(requestTimeout), rate, maxErrorRate, thresholds(baseline), keepSnapshotsPolicy(),
                Duration.ofSeconds(timeout), output, attachSpec(), showStringValues);
    }

    private LaunchSpec launchSpec(Path output) {
        try {
            return new LaunchSpec(node, orEmpty("nodeOptions", nodeOptions), workingDirectory.toPath().toAbsolutePath(),
                    script == null ? "" : script, orEmpty("scriptArgs", scriptArgs), environment(), port, portVariable,
                    readyPath, Duration.ofSeconds(startupTimeout), output.resolve("app.log"));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(e.getMessage());
        }
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
        List<Request> entries = orEmpty("requests", requests);
        try {
            return entries.stream().map(Request::toSpec).toList();
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException("requests: " + e.getMessage());
        }
    }

    private LeakThresholds thresholds(GrowthBaseline baseline) {
        try {
            List<ConstructorRule> constructorRules = orEmpty("rules", rules).stream().map(Rule::toRule).toList();
            return new LeakThresholds(
                    maxObjectsPerRequest == null ? LeakThresholds.DEFAULT_MAX_OBJECTS_PER_REQUEST : maxObjectsPerRequest,
                    maxBytesPerRequest == null ? LeakThresholds.DEFAULT_MAX_BYTES_PER_REQUEST : maxBytesPerRequest,
                    constructorRules, Set.copyOf(orEmpty("ignoredConstructors", ignoredConstructors)), baseline);
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
        if (!result.leaks().isEmpty()) {
            new LeaksTable(10).render(result.leaks()).forEach(line -> getLog().warn("  " + line));
        }
        getLog().info("Report: " + report);
    }

    /** The list as given; an empty element in the POM (Maven makes it null) is a mistake worth naming. */
    private static <T> List<T> orEmpty(String parameter, List<T> list) {
        if (list == null) {
            return List.of();
        }
        if (list.contains(null)) {
            throw new InvalidConfigurationException(parameter + " has an empty entry: give it a value or remove it");
        }
        return List.copyOf(list);
    }

    private Map<String, String> environment() {
        if (environment == null) {
            return Map.of();
        }
        environment.forEach((name, value) -> {
            if (value == null) {
                throw new InvalidConfigurationException("environment variable " + name + " has no value: give it one "
                        + "(<" + name + ">value</" + name + ">) or remove it");
            }
        });
        return Map.copyOf(environment);
    }
}
