package dev.leakgate.gate;

import dev.leakgate.analysis.LeakThresholds;
import dev.leakgate.load.LoadGenerator;
import dev.leakgate.load.RequestSpec;
import dev.leakgate.process.LaunchSpec;
import dev.leakgate.result.Setting;
import dev.leakgate.settings.KeepSnapshots;
import dev.leakgate.text.DurationText;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Everything one gate run needs, in the gate's own terms; made from checked {@code Settings} by the run's entry
 * point.
 *
 * @param launch           how to start the app; in attach mode only its working directory (where script paths in
 *                         findings are relative to), readyPath and startupTimeout count
 * @param attach           the app to attach to instead of launching one, or null to launch
 * @param showStringValues whether reports may show string values from the heap, which can hold secrets
 */
public record GateConfig(LaunchSpec launch, List<RequestSpec> requests, int connections, int warmupRequests,
                         int rounds, int requestsPerRound, Duration requestTimeout, double rate, double maxErrorRate,
                         LeakThresholds thresholds, KeepSnapshots keepSnapshots, Duration timeout,
                         Path outputDirectory, AttachSpec attach, boolean showStringValues,
                         List<RequestSpec> setupRequests, boolean cookies, boolean measureWorkers) {

    public GateConfig {
        requests = List.copyOf(requests);
        setupRequests = List.copyOf(setupRequests);
    }

    /** A run of plain requests: no setup requests, no cookies, workers measured. */
    public GateConfig(LaunchSpec launch, List<RequestSpec> requests, int connections, int warmupRequests, int rounds,
                      int requestsPerRound, Duration requestTimeout, double rate, double maxErrorRate,
                      LeakThresholds thresholds, KeepSnapshots keepSnapshots, Duration timeout, Path outputDirectory,
                      AttachSpec attach, boolean showStringValues) {
        this(launch, requests, connections, warmupRequests, rounds, requestsPerRound, requestTimeout, rate,
                maxErrorRate, thresholds, keepSnapshots, timeout, outputDirectory, attach, showStringValues, List.of(),
                false, true);
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
        settings.add(new Setting("setupRequests", setupRequests.stream()
                .map(request -> request.method() + " " + request.path()).collect(Collectors.joining(", "))));
        settings.add(new Setting("cookies", cookies ? "kept per connection" : ""));
        settings.add(new Setting("measureWorkers", Boolean.toString(measureWorkers)));
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
}
