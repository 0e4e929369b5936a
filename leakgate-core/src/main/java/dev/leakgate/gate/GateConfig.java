package dev.leakgate.gate;

import dev.leakgate.analysis.LeakThresholds;
import dev.leakgate.load.LoadGenerator;
import dev.leakgate.load.RequestSpec;
import dev.leakgate.process.LaunchSpec;
import dev.leakgate.text.DurationText;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Everything one gate run needs. Validated here, once, with messages that name the parameter the user
 * wrote, so that a bad value is refused before anything starts; the launch settings are checked by
 * {@link LaunchSpec} itself.
 *
 * @param launch           how to start the app; in attach mode only its working directory (where script paths in
 *                         findings are relative to), readyPath and startupTimeout count
 * @param attach           the app to attach to instead of launching one, or null to launch
 * @param showStringValues whether reports may show string values from the heap, which can hold secrets
 */
public record GateConfig(LaunchSpec launch, List<RequestSpec> requests, int connections, int warmupRequests,
                         int rounds, int requestsPerRound, Duration requestTimeout, double rate, double maxErrorRate,
                         LeakThresholds thresholds, KeepSnapshots keepSnapshots, Duration timeout,
                         Path outputDirectory, AttachSpec attach, boolean showStringValues) {

    public GateConfig {
        require(attach != null || (launch.script() != null && !launch.script().isBlank()),
                "set script: the app's entry script, relative to " + launch.workingDirectory()
                        + " (or baseUrl and inspectorUrl to attach to an app started elsewhere)");
        requests = List.copyOf(requests);
        require(!requests.isEmpty(), "requests must list at least one request");
        require(connections >= 1 && connections <= LoadGenerator.MAX_CONNECTIONS,
                "connections must be between 1 and " + LoadGenerator.MAX_CONNECTIONS + ", was " + connections);
        require(warmupRequests >= 0, "warmupRequests must be 0 or more, was " + warmupRequests);
        require(rounds >= 2, "rounds must be at least 2 (growth has to repeat to count as a leak), was " + rounds);
        require(requestsPerRound >= 1, "requestsPerRound must be at least 1, was " + requestsPerRound);
        requirePositive("requestTimeout", requestTimeout);
        require(rate >= 0 && !Double.isInfinite(rate), "rate must be 0 (as fast as the connections go) or a number of requests per second, was " + rate);
        require(maxErrorRate >= 0 && maxErrorRate <= 100, "maxErrorRate is a percentage from 0 to 100, was " + maxErrorRate);
        requirePositive("timeout", timeout);
    }

    /**
     * The parameters as the report lists them. Environment variables are named without their values, which are
     * often credentials.
     */
    public List<Setting> settings() {
        List<Setting> settings = new ArrayList<>();
        if (attaching()) {
            settings.add(new Setting("baseUrl", attach.baseUrl().toString()));
            settings.add(new Setting("inspectorUrl", attach.inspectorUrl().toString()));
        } else {
            settings.add(new Setting("script", launch.script()));
            settings.add(new Setting("scriptArgs", String.join(" ", launch.scriptArgs())));
            settings.add(new Setting("node", launch.node()));
            settings.add(new Setting("nodeOptions", String.join(" ", launch.nodeOptions())));
            settings.add(new Setting("workingDirectory", launch.workingDirectory().toString()));
            settings.add(new Setting("environment", String.join(", ", new TreeSet<>(launch.environment().keySet()))));
        }
        settings.add(new Setting("readyPath", launch.readyPath()));
        settings.add(new Setting("requests", requests.stream()
                .map(request -> request.method() + " " + request.path()).collect(Collectors.joining(", "))));
        settings.add(new Setting("connections", Integer.toString(connections)));
        settings.add(new Setting("warmupRequests", Integer.toString(warmupRequests)));
        settings.add(new Setting("rounds", Integer.toString(rounds)));
        settings.add(new Setting("requestsPerRound", Integer.toString(requestsPerRound)));
        settings.add(new Setting("rate", rate == 0 ? "as fast as the connections go" : rate + " requests/s"));
        settings.add(new Setting("requestTimeout", DurationText.of(requestTimeout)));
        settings.add(new Setting("maxErrorRate", maxErrorRate + "%"));
        settings.add(new Setting("maxObjectsPerRequest", Double.toString(thresholds.maxObjectsPerRequest())));
        settings.add(new Setting("maxBytesPerRequest", Double.toString(thresholds.maxBytesPerRequest())));
        settings.add(new Setting("rules", thresholds.rules().size() + " per-constructor rule"
                + (thresholds.rules().size() == 1 ? "" : "s")));
        settings.add(new Setting("keepSnapshots", keepSnapshots.parameterValue()));
        settings.add(new Setting("timeout", DurationText.of(timeout)));
        return settings.stream().filter(setting -> !setting.value().isEmpty()).toList();
    }

    public boolean attaching() {
        return attach != null;
    }

    private static void requirePositive(String parameter, Duration duration) {
        require(duration != null && duration.compareTo(Duration.ZERO) > 0,
                parameter + " must be positive, was " + (duration == null ? "none" : DurationText.of(duration)));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new InvalidConfigurationException(message);
        }
    }
}
