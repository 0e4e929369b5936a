package dev.leakgate.analysis;

import dev.leakgate.snapshot.HeapSnapshot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decides which constructors leak from a series of snapshots of one process: the baseline, then one
 * snapshot after each round of exactly {@code requestsPerRound} requests.
 *
 * <p>A constructor leaks when its live count rises in <em>every</em> round by at least the per-request
 * threshold. Requiring every round, not just first against last, is what keeps one-off growth (JIT,
 * lazy initialisation, a cache filling up) from failing a build.
 */
public final class SeriesAnalyzer {

    private final LeakThresholds thresholds;
    private final ScriptCatalog scripts;

    public SeriesAnalyzer(LeakThresholds thresholds, ScriptCatalog scripts) {
        this.thresholds = thresholds;
        this.scripts = scripts;
    }

    /**
     * @param series          census of every snapshot, baseline first; the last one describes {@code last}
     * @param last            the final snapshot, read with its graph
     * @param requestsPerRound requests served between two consecutive snapshots
     * @return findings, the one to fix first at the head
     */
    public List<Finding> analyze(List<Census> series, HeapSnapshot last, long requestsPerRound) {
        List<Finding> findings = new ArrayList<>();
        for (String constructor : growingConstructors(series, requestsPerRound)) {
            List<Long> counts = series.stream().map(census -> (long) census.count(constructor)).toList();
            findings.add(describe(constructor, counts, series, last, requestsPerRound));
        }
        findings.sort(MOST_SEVERE_FIRST);
        return List.copyOf(findings);
    }

    /** The constructors whose live count rose in every round by at least the threshold, in no particular order. */
    List<String> growingConstructors(List<Census> series, long requestsPerRound) {
        if (series.size() < 3) {
            throw new IllegalArgumentException("a verdict needs a baseline and at least 2 rounds, got "
                    + series.size() + " snapshots");
        }
        if (requestsPerRound <= 0) {
            throw new IllegalArgumentException("requestsPerRound must be positive, was " + requestsPerRound);
        }
        double minimumGrowthPerRound = thresholds.maxObjectsPerRequest() * requestsPerRound;
        List<String> growing = new ArrayList<>();
        for (String constructor : series.get(series.size() - 1).constructors().keySet()) {
            if (thresholds.ignoredConstructors().contains(constructor)) {
                continue;
            }
            List<Long> counts = series.stream().map(census -> (long) census.count(constructor)).toList();
            if (growsInEveryRound(counts, minimumGrowthPerRound)) {
                growing.add(constructor);
            }
        }
        return growing;
    }

    private static boolean growsInEveryRound(List<Long> values, double minimumGrowth) {
        for (int round = 1; round < values.size(); round++) {
            long growth = values.get(round) - values.get(round - 1);
            if (growth <= 0 || growth < minimumGrowth) {
                return false;
            }
        }
        return true;
    }

    private Finding describe(String constructor, List<Long> counts, List<Census> series, HeapSnapshot last,
                             long requestsPerRound) {
        long servedSinceBaseline = requestsPerRound * (series.size() - 1);
        double growthPerRequest = (double) (counts.get(counts.size() - 1) - counts.get(0)) / servedSinceBaseline;
        int representative = newestInstance(last, constructor, series.get(0).maxObjectId());
        String retainerPath = null;
        String location = null;
        if (representative >= 0) {
            retainerPath = last.shortestRetainerPath(representative).format();
            location = last.location(representative).map(scripts::describe).orElse(null);
        }
        return new Finding(constructor, Shape.COUNT, counts, growthPerRequest, last.retainedSize(constructor),
                retainerPath, location);
    }

    /** The most recently allocated instance still alive: certainly one the rounds created, not the warm-up. */
    private static int newestInstance(HeapSnapshot last, String constructor, int baselineMaxId) {
        int newest = -1;
        for (int node : last.nodesOf(constructor)) {
            if (Integer.compareUnsigned(last.objectId(node), baselineMaxId) > 0
                    && (newest < 0 || Integer.compareUnsigned(last.objectId(node), last.objectId(newest)) > 0)) {
                newest = node;
            }
        }
        return newest;
    }

    /**
     * The app's own constructors before engine categories such as {@code (string)}: a developer fixes the
     * class that is kept, and the strings it holds follow it. Then the fastest growth first.
     */
    private static final Comparator<Finding> MOST_SEVERE_FIRST = Comparator
            .comparing((Finding finding) -> isEngineCategory(finding.constructor()))
            .thenComparing(Comparator.comparingDouble(Finding::growthPerRequest).reversed())
            .thenComparing(Finding::constructor);

    private static boolean isEngineCategory(String constructor) {
        return constructor.startsWith("(");
    }
}
