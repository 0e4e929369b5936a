package dev.leakgate.gate;

import dev.leakgate.analysis.Finding;
import dev.leakgate.analysis.Shape;
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

    /** The verdict on a series of {@code rounds} rounds after the baseline: PASS without failing findings, else LEAK. */
    public static String explainSeries(List<Finding> findings, int rounds, long requestsPerRound,
                                       double maxObjectsPerRequest) {
        String series = rounds + " round" + (rounds == 1 ? "" : "s") + " of " + Units.count(requestsPerRound)
                + " requests";
        List<Finding> failing = findings.stream().filter(Finding::failing).toList();
        if (failing.isEmpty()) {
            String reported = findings.isEmpty() ? "" : " (" + findings.size() + " growing within the baseline or in "
                    + "V8's own bookkeeping, reported only)";
            return "Nothing grew in every one of the " + series + " by more than its limit ("
                    + Units.decimal(maxObjectsPerRequest) + " objects per request by default)" + reported + ".";
        }
        String others = failing.size() == 1 ? "" : "; " + (failing.size() - 1) + " more grew too";
        return describe(failing.get(0)) + " in every one of the " + series + others + ".";
    }

    /**
     * What grew and by how much, e.g. {@code Session grew by 1.00 objects per request} or, against a baseline,
     * {@code Session grew by 2.00 objects per request, 1.00 more than the baseline accepts (1.00)}.
     */
    public static String describe(Finding finding) {
        String growth = subject(finding) + " grew by " + Units.decimal(finding.growthPerRequest()) + " " + finding.unit()
                + " per request";
        if (finding.acceptedGrowthPerRequest() == 0) {
            return growth;
        }
        return growth + ", " + Units.decimal(finding.growthPerRequest() - finding.acceptedGrowthPerRequest())
                + " more than the baseline accepts (" + Units.decimal(finding.acceptedGrowthPerRequest()) + ")";
    }

    /**
     * What grew: the constructor, or for a collection the path that holds it (it ends with the collection's
     * constructor), because one Map is told from another by what keeps it.
     */
    public static String subject(Finding finding) {
        return finding.shape() == Shape.COLLECTION && finding.retainerPath() != null
                ? finding.retainerPath() : finding.constructor();
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
