package dev.leakgate.maven;

import dev.leakgate.run.Leakgate;
import dev.leakgate.settings.Parameters;
import dev.leakgate.settings.Settings;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
    @Parameter(property = "leakgate.node")
    private String node;

    /** Extra Node flags, e.g. {@code --max-old-space-size=256}. */
    @Parameter(property = "leakgate.nodeOptions")
    private List<String> nodeOptions;

    /** Directory the app runs in. */
    @Parameter(property = "leakgate.workingDirectory")
    private File workingDirectory;

    /** Extra environment variables for the app. */
    @Parameter(property = "leakgate.environment")
    private Map<String, String> environment;

    /** Port the app listens on; 0 picks a free loopback port and passes it in {@code portVariable}. */
    @Parameter(property = "leakgate.port")
    private Integer port;

    /** Environment variable that carries the port to the app. */
    @Parameter(property = "leakgate.portVariable")
    private String portVariable;

    /** Path polled with GET until the app answers; also the default request. */
    @Parameter(property = "leakgate.readyPath")
    private String readyPath;

    /** Seconds the app has to answer {@code readyPath}. */
    @Parameter(property = "leakgate.startupTimeout")
    private Integer startupTimeout;

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
    @Parameter(property = "leakgate.allowRemoteInspector")
    private Boolean allowRemoteInspector;

    /** Concurrent keep-alive connections of the load generator. */
    @Parameter(property = "leakgate.connections")
    private Integer connections;

    /** Requests served before the baseline snapshot, so that one-off growth happens before measuring. */
    @Parameter(property = "leakgate.warmupRequests")
    private Integer warmupRequests;

    /** Measured rounds, each followed by a snapshot; growth must repeat in every round (at least 2). */
    @Parameter(property = "leakgate.rounds")
    private Integer rounds;

    /** Requests per round, exactly. */
    @Parameter(property = "leakgate.requestsPerRound")
    private Integer requestsPerRound;

    /**
     * Requests to send, in order and cycling: {@code <request>} elements with {@code method} (GET),
     * {@code path}, {@code headers}, {@code body}, {@code contentType}. Default: GET {@code readyPath}.
     */
    @Parameter(property = "leakgate.requests")
    private List<Request> requests;

    /**
     * Requests sent once on each connection before the warm-up, counted in no phase: a login. {@code <request>}
     * elements like {@code requests}; in them {@code {{seq}}} is the connection's number. A failing one is an ERROR.
     */
    @Parameter(property = "leakgate.setupRequests")
    private List<Request> setupRequests;

    /** Each connection keeps the cookies its responses set and sends them back, as one browser tab would. */
    @Parameter(property = "leakgate.cookies")
    private Boolean cookies;

    /** Also measure the app's {@code worker_threads} workers, each its own series; a leak in a worker fails too. */
    @Parameter(property = "leakgate.measureWorkers")
    private Boolean measureWorkers;

    /** Seconds one request may take before it counts as failed. */
    @Parameter(property = "leakgate.requestTimeout")
    private Integer requestTimeout;

    /** Requests per second; 0 sends as fast as the connections go. Latency is then measured from each request's intended send time. */
    @Parameter(property = "leakgate.rate")
    private Double rate;

    /** Percent of failed requests in a phase above which the run cannot be judged (verdict ERROR). */
    @Parameter(property = "leakgate.maxErrorRate")
    private Double maxErrorRate;

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
    @Parameter(property = "leakgate.baselineFile")
    private File baselineFile;

    /** When heap snapshots stay in {@code outputDirectory/snapshots}: never, onFailure, always. They hold heap contents, secrets included. */
    @Parameter(property = "leakgate.keepSnapshots")
    private String keepSnapshots;

    /** Seconds for the whole run, start-up included. */
    @Parameter(property = "leakgate.timeout")
    private Integer timeout;

    /** Where report.html, report.json, TEST-leakgate.xml, app.log and snapshots are written. */
    @Parameter(property = "leakgate.outputDirectory")
    private File outputDirectory;

    /**
     * Show string values from the heap in the reports (a sample of a growing {@code (string)}). Off by default:
     * heap strings hold tokens, passwords and personal data.
     */
    @Parameter(property = "leakgate.showStringValues")
    private Boolean showStringValues;

    /** Skips the goal; no Node process is started. */
    @Parameter(property = "leakgate.skip")
    private Boolean skip;

    /** The project's directory: where relative paths start and the baseline file lives by default. */
    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    private File projectDirectory;

    /** The project's build directory: the reports go to its {@code leakgate} by default. */
    @Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
    private File buildDirectory;

    protected boolean skipped() {
        boolean skipping = skip != null ? skip : Parameters.DEFAULT_SKIP;
        if (skipping) {
            getLog().info("leakgate is skipped (leakgate.skip=true)");
        }
        return skipping;
    }

    /** The run, which tells its progress and verdict in the build's log. */
    protected Leakgate leakgate() {
        return Leakgate.forThisProcess(new MavenConsole(getLog()));
    }

    /** Every parameter as the POM or the command line gave it; the core fills in the defaults and checks them. */
    protected Settings.Builder settings() {
        Settings.Builder settings = Settings.forProject(projectDirectory.toPath(), buildDirectory.toPath())
                .set(Parameters.SCRIPT, script)
                .set(Parameters.NODE, node)
                .set(Parameters.WORKING_DIRECTORY, path(workingDirectory))
                .set(Parameters.PORT, port)
                .set(Parameters.PORT_VARIABLE, portVariable)
                .set(Parameters.READY_PATH, readyPath)
                .set(Parameters.ALLOW_REMOTE_INSPECTOR, allowRemoteInspector)
                .set(Parameters.CONNECTIONS, connections)
                .set(Parameters.WARMUP_REQUESTS, warmupRequests)
                .set(Parameters.ROUNDS, rounds)
                .set(Parameters.REQUESTS_PER_ROUND, requestsPerRound)
                .set(Parameters.RATE, rate)
                .set(Parameters.MAX_ERROR_RATE, maxErrorRate)
                .set(Parameters.MAX_OBJECTS_PER_REQUEST, maxObjectsPerRequest)
                .set(Parameters.MAX_BYTES_PER_REQUEST, maxBytesPerRequest)
                .set(Parameters.SHOW_STRING_VALUES, showStringValues)
                .set(Parameters.COOKIES, cookies)
                .set(Parameters.MEASURE_WORKERS, measureWorkers)
                .set(Parameters.BASELINE_FILE, path(baselineFile))
                .set(Parameters.OUTPUT_DIRECTORY, path(outputDirectory))
                .json(Parameters.SCRIPT_ARGS, given(scriptArgs))
                .json(Parameters.NODE_OPTIONS, given(nodeOptions))
                .json(Parameters.ENVIRONMENT, environment == null || environment.isEmpty() ? null : environment)
                .json(Parameters.REQUESTS, given(requests) == null ? null
                        : requests.stream().map(request -> request == null ? null : request.asGiven()).toList())
                .json(Parameters.SETUP_REQUESTS, given(setupRequests) == null ? null
                        : setupRequests.stream().map(request -> request == null ? null : request.asGiven()).toList())
                .json(Parameters.RULES, given(rules) == null ? null
                        : rules.stream().map(rule -> rule == null ? null : rule.asGiven()).toList())
                .json(Parameters.IGNORED_CONSTRUCTORS, given(ignoredConstructors));
        seconds(settings, Parameters.STARTUP_TIMEOUT, startupTimeout);
        seconds(settings, Parameters.REQUEST_TIMEOUT, requestTimeout);
        seconds(settings, Parameters.TIMEOUT, timeout);
        text(settings, Parameters.BASE_URL, baseUrl);
        text(settings, Parameters.INSPECTOR_URL, inspectorUrl);
        text(settings, Parameters.KEEP_SNAPSHOTS, keepSnapshots);
        return settings;
    }

    /** Maven hands an unset list over as an empty one. */
    private static List<?> given(List<?> list) {
        return list == null || list.isEmpty() ? null : list;
    }

    private static Path path(File file) {
        return file == null ? null : file.toPath();
    }

    private static void seconds(Settings.Builder settings, dev.leakgate.settings.Parameter<?> parameter, Integer seconds) {
        if (seconds != null) {
            settings.text(parameter, seconds.toString());
        }
    }

    private static void text(Settings.Builder settings, dev.leakgate.settings.Parameter<?> parameter, String text) {
        if (text != null && !text.isBlank()) {
            settings.text(parameter, text);
        }
    }
}
