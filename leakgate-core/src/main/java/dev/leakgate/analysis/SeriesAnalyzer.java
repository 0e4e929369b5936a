package dev.leakgate.analysis;

import dev.leakgate.snapshot.HeapSnapshot;

import java.util.ArrayList;
import java.util.Arrays;
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
        int baselineMaxId = series.get(0).maxObjectId();
        List<Ranked> ranked = new ArrayList<>();
        for (String constructor : growingConstructors(series, requestsPerRound)) {
            List<Long> counts = series.stream().map(census -> (long) census.count(constructor)).toList();
            int[] grown = allocatedSince(last, constructor, baselineMaxId);
            ranked.add(new Ranked(describe(constructor, counts, grown, last, requestsPerRound),
                    retainedBy(last, grown)));
        }
        ranked.sort(MOST_SEVERE_FIRST);
        return ranked.stream().map(Ranked::finding).toList();
    }

    /** The constructors whose live count rose in every round by at least the threshold, in no particular order. */
    List<String> growingConstructors(List<Census> series, long requestsPerRound) {
        if (series.size() < 2) {
            throw new IllegalArgumentException("growth needs at least two snapshots, got " + series.size());
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

    private Finding describe(String constructor, List<Long> counts, int[] grown, HeapSnapshot last,
                             long requestsPerRound) {
        long servedSinceBaseline = requestsPerRound * (counts.size() - 1);
        double growthPerRequest = (double) (counts.get(counts.size() - 1) - counts.get(0)) / servedSinceBaseline;
        String retainerPath = null;
        String location = null;
        if (grown.length > 0) {
            // The newest survivor: certainly created by the rounds, not by the warm-up.
            int representative = grown[grown.length - 1];
            retainerPath = last.shortestRetainerPath(representative).format();
            location = last.location(representative).map(scripts::describe).orElse(null);
        }
        return new Finding(constructor, Shape.COUNT, counts, growthPerRequest, last.retainedSize(constructor),
                retainerPath, location);
    }

    /** Instances of {@code constructor} still alive in {@code last} that were allocated after the baseline, oldest first. */
    private static int[] allocatedSince(HeapSnapshot last, String constructor, int baselineMaxId) {
        return Arrays.stream(last.nodesOf(constructor))
                .filter(node -> Integer.compareUnsigned(last.objectId(node), baselineMaxId) > 0)
                .boxed()
                .sorted(Comparator.comparingLong(node -> Integer.toUnsignedLong(last.objectId(node))))
                .mapToInt(Integer::intValue)
                .toArray();
    }

    /** Bytes that would be freed if the grown instances went away: what the growth costs. */
    private static long retainedBy(HeapSnapshot last, int[] grown) {
        long total = 0;
        for (int node : grown) {
            total += last.retainedSize(node);
        }
        return total;
    }

    /** A finding with what it is ranked by. */
    private record Ranked(Finding finding, long retainedByGrowth) {
    }

    /**
     * The app's own constructors before engine categories such as {@code (string)}. Among those, the growth
     * that retains the most memory first: a cause keeps its symptoms alive (the session keeps its Date and its
     * cart array), so it retains more than any of them, and a developer should fix it first.
     */
    private static final Comparator<Ranked> MOST_SEVERE_FIRST = Comparator
            .comparing((Ranked ranked) -> isEngineCategory(ranked.finding().constructor()))
            .thenComparing(Comparator.comparingLong(Ranked::retainedByGrowth).reversed())
            .thenComparing(Comparator.comparingDouble((Ranked ranked) -> ranked.finding().growthPerRequest()).reversed())
            .thenComparing(ranked -> ranked.finding().constructor());

    private static boolean isEngineCategory(String constructor) {
        return constructor.startsWith("(");
    }
}
