package dev.leakgate.analysis;

import dev.leakgate.inspector.SampledAllocation;
import dev.leakgate.snapshot.HeapSnapshot;
import dev.leakgate.snapshot.RetainerPath;
import dev.leakgate.snapshot.SourceLocation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * Decides what leaks from a series of snapshots of one process: the baseline, then one snapshot after each
 * round of exactly {@code requestsPerRound} requests.
 *
 * <p>Three shapes are looked for (see {@link Shape}): a constructor whose live count rises, one whose bytes
 * rise, and one collection whose references rise. Each must rise in <em>every</em> round by at least its
 * per-request limit, and steadily ({@link GrowthRule}); counts and collections must also have kept objects
 * from every round alive ({@link RoundSurvivors}). That is what keeps one-off growth (JIT, lazy
 * initialisation, a cache filling up or being flushed) from failing a build.
 */
public final class SeriesAnalyzer {

    private final LeakThresholds thresholds;
    private final ScriptCatalog scripts;

    public SeriesAnalyzer(LeakThresholds thresholds, ScriptCatalog scripts) {
        this.thresholds = thresholds;
        this.scripts = scripts;
    }

    /** {@link #analyze(List, HeapSnapshot, long, List)} without allocation stacks. */
    public List<Finding> analyze(List<Census> series, HeapSnapshot last, long requestsPerRound) {
        return analyze(series, last, requestsPerRound, List.of());
    }

    /**
     * @param series           census of every snapshot, baseline first; the last one describes {@code last}
     * @param last             the final snapshot, read with its graph
     * @param requestsPerRound requests served between two consecutive snapshots
     * @param survivingSamples the sampling heap profiler's allocations of the rounds still alive at the end
     * @return findings, failing ones first and the one to fix first at the head
     */
    public List<Finding> analyze(List<Census> series, HeapSnapshot last, long requestsPerRound,
                                 List<SampledAllocation> survivingSamples) {
        requireSeries(series, requestsPerRound);
        Series run = new Series(series, last, requestsPerRound, new AllocationSites(survivingSamples, scripts));
        List<Ranked> ranked = new ArrayList<>(run.collections());
        Set<String> collectionConstructors = new HashSet<>();
        ranked.forEach(found -> collectionConstructors.add(found.finding().constructor()));
        for (String constructor : series.get(series.size() - 1).constructors().keySet()) {
            if (!thresholds.isIgnored(constructor)) {
                // A collection's own growth also raises its constructor's bytes: that is one finding, not two.
                run.countOrBytes(constructor, !collectionConstructors.contains(constructor)).ifPresent(ranked::add);
            }
        }
        ranked.sort(MOST_SEVERE_FIRST);
        return ranked.stream().map(Ranked::finding).toList();
    }

    private static void requireSeries(List<Census> series, long requestsPerRound) {
        if (series.size() < 2) {
            throw new IllegalArgumentException("growth needs at least two snapshots, got " + series.size());
        }
        if (requestsPerRound <= 0) {
            throw new IllegalArgumentException("requestsPerRound must be positive, was " + requestsPerRound);
        }
    }

    private static List<Long> values(List<Census> series, ToLongFunction<Census> value) {
        return series.stream().map(census -> value.applyAsLong(census)).toList();
    }

    /** One analysis: the series with what every finding needs from it. */
    private final class Series {

        private final List<Census> series;
        private final HeapSnapshot last;
        private final long requestsPerRound;
        private final AllocationSites sites;

        Series(List<Census> series, HeapSnapshot last, long requestsPerRound, AllocationSites sites) {
            this.series = series;
            this.last = last;
            this.requestsPerRound = requestsPerRound;
            this.sites = sites;
        }

        Optional<Ranked> countOrBytes(String constructor, boolean bytesToo) {
            List<Long> counts = values(series, census -> census.count(constructor));
            double minimumCount = thresholds.maxObjectsPerRequest(constructor) * requestsPerRound;
            if (GrowthRule.growsInEveryRound(counts, minimumCount)) {
                int[] grown = last.nodesAllocatedAfter(constructor, series.get(0).maxObjectId());
                List<Long> survivors = RoundSurvivors.perRound(last, grown, series);
                if (!RoundSurvivors.everyRoundLeftSome(survivors, minimumCount)) {
                    return Optional.empty(); // its bytes rose with its count, and are no leak either
                }
                // The newest survivor was certainly created by the rounds, not by the warm-up.
                int representative = grown[grown.length - 1];
                return Optional.of(ranked(constructor, Shape.COUNT, counts, representative,
                        last.retainedSize(constructor), survivors, retainedBy(grown)));
            }
            List<Long> bytes = values(series, census -> census.selfSize(constructor));
            double minimumBytes = thresholds.maxBytesPerRequest(constructor) * requestsPerRound;
            if (bytesToo && GrowthRule.growsInEveryRound(bytes, minimumBytes)) {
                int[] instances = last.nodesOf(constructor);
                // The largest instance is the one that grew: a string or Buffer replaced by a longer one.
                int representative = Arrays.stream(instances).boxed()
                        .max(Comparator.comparingLong(last::selfSize)).orElseThrow();
                return Optional.of(ranked(constructor, Shape.BYTES, bytes, representative,
                        last.retainedSize(constructor), List.of(), last.retainedSize(representative)));
            }
            return Optional.empty();
        }

        List<Ranked> collections() {
            Census final_ = series.get(series.size() - 1);
            List<Ranked> found = new ArrayList<>();
            for (CollectionSize candidate : final_.collections().values()) {
                String constructor = candidate.constructor();
                if (thresholds.isIgnored(constructor)) {
                    continue;
                }
                List<Long> references = new ArrayList<>();
                for (Census census : series) {
                    CollectionSize seen = census.collection(candidate.objectId());
                    if (seen == null) {
                        break;
                    }
                    references.add((long) seen.references());
                }
                double minimum = thresholds.maxObjectsPerRequest(constructor) * requestsPerRound;
                if (references.size() < series.size() || !GrowthRule.growsInEveryRound(references, minimum)) {
                    continue;
                }
                OptionalInt node = last.nodeWithObjectId(candidate.objectId());
                if (node.isEmpty()) {
                    continue;
                }
                List<Long> survivors = RoundSurvivors.perRound(last, last.ownedReferenceTargets(node.getAsInt()), series);
                // Elements that are all older than the rounds (one object pushed again and again) say nothing.
                boolean holdsNewObjects = survivors.stream().anyMatch(count -> count > 0);
                if (!holdsNewObjects || RoundSurvivors.everyRoundLeftSome(survivors, minimum)) {
                    long retained = last.retainedSize(node.getAsInt());
                    found.add(ranked(constructor, Shape.COLLECTION, references, node.getAsInt(), retained, survivors,
                            retained));
                }
            }
            return found;
        }

        private Ranked ranked(String constructor, Shape shape, List<Long> values, int representative,
                              long retainedSize, List<Long> survivors, long retainedByGrowth) {
            RetainerPath path = last.shortestRetainerPath(representative);
            Optional<SourceLocation> own = last.location(representative);
            List<SourceLocation> anchors = new ArrayList<>();
            own.ifPresent(anchors::add);
            holderLocation(path).ifPresent(anchors::add);
            List<AllocationStack> stacks = sites.stacksFor(constructor, anchors);
            String location = own.map(scripts::describe).orElse(null);
            if (shape == Shape.COLLECTION && !stacks.isEmpty()) {
                // Builtin collections have no constructor of the app's: where the app fills it is what to fix.
                location = stacks.get(0).site();
            }
            double growth = GrowthRule.perRequest(values, requestsPerRound);
            String formattedPath = path.format();
            double accepted = thresholds.baseline().acceptedFor(constructor, shape,
                    shape == Shape.COLLECTION ? formattedPath : null);
            Finding finding = new Finding(constructor, shape, values, growth, retainedSize, formattedPath, location,
                    survivors, stacks, judge(constructor, shape, growth, accepted), accepted, null);
            return new Ranked(finding, retainedByGrowth);
        }

        private Judgement judge(String constructor, Shape shape, double growthPerRequest, double accepted) {
            if (LeakThresholds.isEngineInternal(constructor)) {
                return Judgement.ENGINE_INTERNAL;
            }
            double limit = thresholds.maxPerRequest(constructor, shape);
            return accepted > 0 && growthPerRequest <= GrowthBaseline.allowance(accepted, limit)
                    ? Judgement.WITHIN_BASELINE : Judgement.LEAK;
        }

        /** The closure whose scope the path runs through last: the code that holds on to the object. */
        private Optional<SourceLocation> holderLocation(RetainerPath path) {
            List<RetainerPath.Step> steps = path.steps();
            for (int i = steps.size() - 2; i >= 0; i--) {
                if (!steps.get(i).functionName().isEmpty()) {
                    OptionalInt closure = last.nodeWithObjectId(steps.get(i).objectId());
                    return closure.isPresent() ? last.location(closure.getAsInt()) : Optional.empty();
                }
            }
            return Optional.empty();
        }

        /** Bytes that would be freed if the grown instances went away: what the growth costs. */
        private long retainedBy(int[] grown) {
            long total = 0;
            for (int node : grown) {
                total += last.retainedSize(node);
            }
            return total;
        }
    }

    /** A finding with what it is ranked by. */
    private record Ranked(Finding finding, long retainedByGrowth) {
    }

    /**
     * Failing findings first. Among them the app's own constructors before engine categories such as
     * {@code (string)}, then the growth that retains the most memory: a cause keeps its symptoms alive (the
     * array keeps its elements, the closure the request it captured, the session its Date and cart), so it
     * retains more than any of them, and a developer should fix it first.
     */
    private static final Comparator<Ranked> MOST_SEVERE_FIRST = Comparator
            .comparing((Ranked ranked) -> ranked.finding().judgement())
            .thenComparing((Ranked ranked) -> isEngineCategory(ranked.finding().constructor()))
            .thenComparing(Comparator.comparingLong(Ranked::retainedByGrowth).reversed())
            .thenComparing(Comparator.comparingDouble((Ranked ranked) -> ranked.finding().growthPerRequest()).reversed())
            .thenComparing(ranked -> ranked.finding().constructor());

    private static boolean isEngineCategory(String constructor) {
        return constructor.startsWith("(");
    }
}
