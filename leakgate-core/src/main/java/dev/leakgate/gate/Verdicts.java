package dev.leakgate.gate;

import dev.leakgate.analysis.Finding;
import dev.leakgate.load.PhaseResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The sentences a run says about itself, shared by the log, the reports, the CLI and the build failure. */
public final class Verdicts {

    private Verdicts() {
    }

    static String explain(List<Finding> findings, GateConfig config) {
        return explainSeries(findings, config.rounds(), config.requestsPerRound(),
                config.thresholds().maxObjectsPerRequest());
    }

    /** The verdict on a series of {@code rounds} rounds after the baseline: PASS without findings, else LEAK. */
    public static String explainSeries(List<Finding> findings, int rounds, long requestsPerRound,
                                       double maxObjectsPerRequest) {
        String series = rounds + " round" + (rounds == 1 ? "" : "s") + " of " + Units.count(requestsPerRound)
                + " requests";
        if (findings.isEmpty()) {
            return "No constructor grew in every one of the " + series + " by more than "
                    + Units.decimal(maxObjectsPerRequest) + " objects per request.";
        }
        Finding top = findings.get(0);
        String others = findings.size() == 1 ? "" : "; " + (findings.size() - 1) + " more constructor"
                + (findings.size() == 2 ? "" : "s") + " grew too";
        return top.constructor() + " grew by " + Units.decimal(top.growthPerRequest())
                + " objects per request in every one of the " + series + others + ".";
    }

    static String describePhase(PhaseResult phase) {
        return String.format(Locale.ROOT, "%s: %s requests in %s, %s req/s, p99 %s ms, %s failed",
                phase.phase(), Units.count(phase.requests()), Units.duration(phase.elapsed()),
                Units.decimal(phase.requestsPerSecond()), Units.decimal(phase.latency().p99()),
                Units.count(phase.failed()));
    }

    static String explainFailingRequests(PhaseResult phase, double maxErrorRate) {
        return String.format(Locale.ROOT,
                "%.1f%% of the %s requests in %s failed (%s), above maxErrorRate=%s%%: "
                        + "a leak verdict on failing requests means nothing. Check the requests and readyPath, "
                        + "or raise maxErrorRate",
                phase.errorRatePercent(), Units.count(phase.requests()), phase.phase(), failureKinds(phase),
                Units.decimal(maxErrorRate));
    }

    private static String failureKinds(PhaseResult phase) {
        List<String> kinds = new ArrayList<>();
        for (Map.Entry<Integer, Long> status : phase.statusCounts().entrySet()) {
            if (status.getKey() >= 400 || status.getKey() < 200) {
                kinds.add("HTTP " + status.getKey() + ": " + Units.count(status.getValue()));
            }
        }
        for (Map.Entry<String, Long> error : phase.errorsByKind().entrySet()) {
            if (error.getValue() > 0) {
                kinds.add(error.getKey() + " errors: " + Units.count(error.getValue()));
            }
        }
        return String.join(", ", kinds);
    }
}
