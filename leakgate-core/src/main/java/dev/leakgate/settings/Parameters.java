package dev.leakgate.settings;

import dev.leakgate.analysis.ConstructorRule;
import dev.leakgate.analysis.LeakThresholds;
import dev.leakgate.load.LoadGenerator;
import dev.leakgate.load.RequestSpec;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Every parameter of the contract, its default and what it accepts: the one table the Maven goals, the command
 * line, the {@code --config} file and {@code help} all read.
 */
public final class Parameters {

    public static final String DEFAULT_NODE = "node";
    public static final int DEFAULT_PORT = 0;
    public static final String DEFAULT_PORT_VARIABLE = "PORT";
    public static final String DEFAULT_READY_PATH = "/";
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(30);
    public static final boolean DEFAULT_ALLOW_REMOTE_INSPECTOR = false;
    public static final int DEFAULT_CONNECTIONS = 8;
    public static final int DEFAULT_WARMUP_REQUESTS = 1000;
    public static final int DEFAULT_ROUNDS = 3;
    public static final int DEFAULT_REQUESTS_PER_ROUND = 2000;
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    public static final boolean DEFAULT_COOKIES = false;
    public static final boolean DEFAULT_MEASURE_WORKERS = true;
    public static final double DEFAULT_RATE = 0;
    public static final double DEFAULT_MAX_ERROR_RATE = 1.0;
    public static final boolean DEFAULT_FAIL_ON_LEAK = true;
    public static final KeepSnapshots DEFAULT_KEEP_SNAPSHOTS = KeepSnapshots.ON_FAILURE;
    public static final boolean DEFAULT_SHOW_STRING_VALUES = false;
    /** Relative to the project's directory (Maven) or the current one (command line). */
    public static final Path DEFAULT_BASELINE_FILE = Path.of("leakgate-baseline.json");
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(600);
    public static final boolean DEFAULT_SKIP = false;

    public static final Parameter<String> SCRIPT = new Parameter<>("script",
            "entry script of the app, relative to workingDirectory (required unless attaching)",
            ValueTypes.TEXT, null, "none", any(), "");
    public static final Parameter<List<String>> SCRIPT_ARGS = new Parameter<>("scriptArgs",
            "arguments passed to the script", ValueTypes.TEXTS, List.of(), "none", any(), "");
    public static final Parameter<String> NODE = new Parameter<>("node",
            "Node executable: a name on the PATH or a path", ValueTypes.TEXT, DEFAULT_NODE, DEFAULT_NODE,
            text -> !text.isBlank(), "a Node executable");
    public static final Parameter<List<String>> NODE_OPTIONS = new Parameter<>("nodeOptions",
            "extra Node flags, e.g. --max-old-space-size=256", ValueTypes.TEXTS, List.of(), "none", any(), "");
    public static final Parameter<Path> WORKING_DIRECTORY = new Parameter<>("workingDirectory",
            "directory the app runs in", ValueTypes.PATH, null, "the project's directory (Maven), the current one "
            + "(command line)", any(), "");
    public static final Parameter<Map<String, String>> ENVIRONMENT = new Parameter<>("environment",
            "extra environment variables for the app (their values never reach a report)", ValueTypes.TEXT_MAP,
            Map.of(), "none", any(), "");
    public static final Parameter<Integer> PORT = new Parameter<>("port",
            "port the app listens on; 0 picks a free loopback port and passes it in portVariable", ValueTypes.WHOLE_NUMBER,
            DEFAULT_PORT, "0", port -> port >= 0 && port <= 65_535, "0 (pick a free port) or 1-65535");
    public static final Parameter<String> PORT_VARIABLE = new Parameter<>("portVariable",
            "environment variable that carries the port to the app", ValueTypes.TEXT, DEFAULT_PORT_VARIABLE,
            DEFAULT_PORT_VARIABLE, text -> text.matches("[A-Za-z_][A-Za-z0-9_]*"),
            "the name of an environment variable, e.g. PORT");
    public static final Parameter<String> READY_PATH = new Parameter<>("readyPath",
            "path polled with GET until the app answers; also the default request", ValueTypes.TEXT,
            DEFAULT_READY_PATH, DEFAULT_READY_PATH, Parameters::isUriPath,
            "a URL path starting with '/' (characters such as | { } and spaces percent-encoded)");
    public static final Parameter<Duration> STARTUP_TIMEOUT = new Parameter<>("startupTimeout",
            "seconds the app has to answer readyPath", ValueTypes.SECONDS, DEFAULT_STARTUP_TIMEOUT, "30",
            Parameters::positive, "a positive number of seconds");
    public static final Parameter<URI> BASE_URL = new Parameter<>("baseUrl",
            "attach mode: where an app started elsewhere serves HTTP, e.g. http://127.0.0.1:3000", ValueTypes.URL,
            null, "none", url -> schemeOf(url).equals("http") && hasHost(url) && url.getRawUserInfo() == null
            && url.getRawQuery() == null && url.getRawFragment() == null, "http://host:port, optionally with a path");
    public static final Parameter<URI> INSPECTOR_URL = new Parameter<>("inspectorUrl",
            "attach mode: the app's inspector, ws://host:port/<id> or http://host:port", ValueTypes.URL, null, "none",
            url -> List.of("ws", "wss", "http", "https").contains(schemeOf(url)) && hasHost(url),
            "ws://host:port/<id> or http://host:port");
    public static final Parameter<Boolean> ALLOW_REMOTE_INSPECTOR = new Parameter<>("allowRemoteInspector",
            "attach mode: accept an inspector on a non-loopback address", ValueTypes.BOOLEAN,
            DEFAULT_ALLOW_REMOTE_INSPECTOR, "false", any(), "");
    public static final Parameter<Integer> CONNECTIONS = new Parameter<>("connections",
            "concurrent keep-alive connections of the load generator", ValueTypes.WHOLE_NUMBER, DEFAULT_CONNECTIONS,
            "8", count -> count >= 1 && count <= LoadGenerator.MAX_CONNECTIONS,
            "between 1 and " + LoadGenerator.MAX_CONNECTIONS);
    public static final Parameter<Integer> WARMUP_REQUESTS = new Parameter<>("warmupRequests",
            "requests served before the baseline snapshot", ValueTypes.WHOLE_NUMBER, DEFAULT_WARMUP_REQUESTS, "1000",
            count -> count >= 0, "0 or more");
    public static final Parameter<Integer> ROUNDS = new Parameter<>("rounds",
            "measured rounds, each followed by a snapshot", ValueTypes.WHOLE_NUMBER, DEFAULT_ROUNDS, "3",
            count -> count >= 2, "at least 2 (growth has to repeat to count as a leak)");
    public static final Parameter<Integer> REQUESTS_PER_ROUND = new Parameter<>("requestsPerRound",
            "requests per round, exactly", ValueTypes.WHOLE_NUMBER, DEFAULT_REQUESTS_PER_ROUND, "2000",
            count -> count >= 1, "at least 1");
    public static final Parameter<List<RequestSpec>> REQUESTS = new Parameter<>("requests",
            "requests to send, in order and cycling: method, path, headers, body, contentType", ValueTypes.REQUESTS,
            null, "GET readyPath", list -> !list.isEmpty(), "at least one request");
    public static final Parameter<List<RequestSpec>> SETUP_REQUESTS = new Parameter<>("setupRequests",
            "requests sent once on each connection before the warm-up (a login), counted in no phase",
            ValueTypes.REQUESTS, List.of(), "none", any(), "");
    public static final Parameter<Boolean> COOKIES = new Parameter<>("cookies",
            "true: each connection keeps the cookies its responses set and sends them", ValueTypes.BOOLEAN,
            DEFAULT_COOKIES, "false", any(), "");
    public static final Parameter<Boolean> MEASURE_WORKERS = new Parameter<>("measureWorkers",
            "also measure the app's worker_threads workers, each its own series", ValueTypes.BOOLEAN,
            DEFAULT_MEASURE_WORKERS, "true", any(), "");
    public static final Parameter<Duration> REQUEST_TIMEOUT = new Parameter<>("requestTimeout",
            "seconds one request may take before it counts as failed", ValueTypes.SECONDS, DEFAULT_REQUEST_TIMEOUT,
            "10", Parameters::positive, "a positive number of seconds");
    public static final Parameter<Double> RATE = new Parameter<>("rate",
            "requests per second; 0 sends as fast as the connections go", ValueTypes.NUMBER, DEFAULT_RATE, "0",
            rate -> rate >= 0, "0 (as fast as the connections go) or a number of requests per second");
    public static final Parameter<Double> MAX_ERROR_RATE = new Parameter<>("maxErrorRate",
            "percent of failed requests in a phase above which the run cannot be judged", ValueTypes.NUMBER,
            DEFAULT_MAX_ERROR_RATE, "1.0", rate -> rate >= 0 && rate <= 100, "a percentage from 0 to 100");
    public static final Parameter<Double> MAX_OBJECTS_PER_REQUEST = new Parameter<>("maxObjectsPerRequest",
            "live instances a constructor may gain per request in every round", ValueTypes.NUMBER,
            LeakThresholds.DEFAULT_MAX_OBJECTS_PER_REQUEST, "0.005", limit -> limit >= 0, "0 or more");
    public static final Parameter<Double> MAX_BYTES_PER_REQUEST = new Parameter<>("maxBytesPerRequest",
            "bytes a constructor may gain per request in every round", ValueTypes.NUMBER,
            LeakThresholds.DEFAULT_MAX_BYTES_PER_REQUEST, "4", limit -> limit >= 0, "0 or more");
    public static final Parameter<List<ConstructorRule>> RULES = new Parameter<>("rules",
            "per-constructor limits that replace the general ones", ValueTypes.RULES, List.of(), "none",
            Parameters::oneRulePerConstructor, "one rule per constructor (merge the limits of two into one)");
    public static final Parameter<List<String>> IGNORED_CONSTRUCTORS = new Parameter<>("ignoredConstructors",
            "constructors never reported", ValueTypes.TEXTS, List.of(), "none", any(), "");
    public static final Parameter<Boolean> FAIL_ON_LEAK = new Parameter<>("failOnLeak",
            "false: a leak or crash is reported and warned about but does not fail", ValueTypes.BOOLEAN,
            DEFAULT_FAIL_ON_LEAK, "true", any(), "");
    public static final Parameter<KeepSnapshots> KEEP_SNAPSHOTS = new Parameter<>("keepSnapshots",
            "when heap snapshots stay in outputDirectory/snapshots (they hold heap contents, secrets included)",
            ValueTypes.scalar("one of never, onFailure, always", KeepSnapshots::fromParameter), DEFAULT_KEEP_SNAPSHOTS,
            DEFAULT_KEEP_SNAPSHOTS.parameterValue(), any(), "");
    public static final Parameter<Boolean> SHOW_STRING_VALUES = new Parameter<>("showStringValues",
            "show string values from the heap in the reports (they can hold secrets)", ValueTypes.BOOLEAN,
            DEFAULT_SHOW_STRING_VALUES, "false", any(), "");
    public static final Parameter<Path> BASELINE_FILE = new Parameter<>("baselineFile",
            "growth accepted per leak, written by the baseline goal", ValueTypes.PATH, null,
            DEFAULT_BASELINE_FILE.toString(), any(), "");
    public static final Parameter<Duration> TIMEOUT = new Parameter<>("timeout",
            "seconds for the whole run, start-up included", ValueTypes.SECONDS, DEFAULT_TIMEOUT, "600",
            Parameters::positive, "a positive number of seconds");
    public static final Parameter<Path> OUTPUT_DIRECTORY = new Parameter<>("outputDirectory",
            "where report.html, report.json, TEST-leakgate.xml, app.log and snapshots are written", ValueTypes.PATH,
            null, "target/leakgate (Maven), leakgate-report (command line)", any(), "");
    public static final Parameter<Boolean> SKIP = new Parameter<>("skip",
            "skip the run; no Node process is started", ValueTypes.BOOLEAN, DEFAULT_SKIP, "false", any(), "");

    /** In the contract's order, which {@code help} keeps. */
    public static final List<Parameter<?>> ALL = List.of(SCRIPT, SCRIPT_ARGS, NODE, NODE_OPTIONS, WORKING_DIRECTORY,
            ENVIRONMENT, PORT, PORT_VARIABLE, READY_PATH, STARTUP_TIMEOUT, BASE_URL, INSPECTOR_URL,
            ALLOW_REMOTE_INSPECTOR, CONNECTIONS, WARMUP_REQUESTS, ROUNDS, REQUESTS_PER_ROUND, REQUESTS, SETUP_REQUESTS,
            COOKIES, MEASURE_WORKERS, REQUEST_TIMEOUT,
            RATE, MAX_ERROR_RATE, MAX_OBJECTS_PER_REQUEST, MAX_BYTES_PER_REQUEST, RULES, IGNORED_CONSTRUCTORS,
            FAIL_ON_LEAK, KEEP_SNAPSHOTS, SHOW_STRING_VALUES, BASELINE_FILE, TIMEOUT, OUTPUT_DIRECTORY, SKIP);

    private Parameters() {
    }

    /** The parameter of this name, as the POM and the JSON file write it. */
    public static Optional<Parameter<?>> named(String name) {
        return ALL.stream().filter(parameter -> parameter.name().equals(name)).findFirst();
    }

    /** The parameter of this command-line flag, without its dashes. */
    public static Optional<Parameter<?>> ofFlag(String flag) {
        return ALL.stream().filter(parameter -> parameter.flag().equals(flag)).findFirst();
    }

    /** The parameter whose name is closest to a misspelt one, when one is close: {@code requestPerRound}. */
    public static Optional<Parameter<?>> closestTo(String misspelt) {
        Parameter<?> closest = null;
        int best = Integer.MAX_VALUE;
        for (Parameter<?> parameter : ALL) {
            int distance = Math.min(distance(misspelt.toLowerCase(Locale.ROOT), parameter.name().toLowerCase(Locale.ROOT)),
                    distance(misspelt.toLowerCase(Locale.ROOT), parameter.flag()));
            if (distance < best) {
                best = distance;
                closest = parameter;
            }
        }
        return best <= Math.max(2, misspelt.length() / 4) ? Optional.of(closest) : Optional.empty();
    }

    /** The edit distance between two names. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static <T> Predicate<T> any() {
        return Objects::nonNull;
    }

    private static String schemeOf(URI url) {
        return url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    }

    private static boolean hasHost(URI url) {
        return url.getHost() != null && !url.getHost().isEmpty();
    }

    private static boolean positive(Duration duration) {
        return duration.compareTo(Duration.ZERO) > 0;
    }

    private static boolean isUriPath(String path) {
        try {
            new URI("http://localhost" + path);
            return path.startsWith("/");
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean oneRulePerConstructor(List<ConstructorRule> rules) {
        return rules.stream().map(ConstructorRule::constructor).distinct().count() == rules.size();
    }
}
