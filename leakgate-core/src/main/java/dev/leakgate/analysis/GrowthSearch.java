package dev.leakgate.analysis;

import dev.leakgate.snapshot.HeapSnapshot;

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
 * Finds what grows in a series of snapshots of one process: the baseline, then one snapshot after each round of
 * exactly {@code requestsPerRound} requests.
 *
 * <p>Three shapes are looked for (see {@link Shape}): a constructor whose live count rises, one whose bytes rise, and
 * one collection whose references rise. Each must rise in <em>every</em> round by at least its per-request limit,
 * and steadily ({@link GrowthRule}); counts and collections must also have kept objects from every round alive
 * ({@link RoundSurvivors}). That is what keeps one-off growth (JIT, lazy initialisation, a cache filling up or being
 * flushed) from failing a build.
 */
final class GrowthSearch {

    private final LeakThresholds thresholds;
    private final ScriptCatalog scripts;
    private final List<Census> series;
    private final HeapSnapshot last;
    private final long requestsPerRound;

    GrowthSearch(LeakThresholds thresholds, ScriptCatalog scripts, List<Census> series, HeapSnapshot last,
                 long requestsPerRound) {
        this.thresholds = thresholds;
        this.scripts = scripts;
        this.series = series;
        this.last = last;
        this.requestsPerRound = requestsPerRound;
    }

    /** Everything that grows like a leak, collections first. */
    List<Growth> find() {
        List<Growth> found = new ArrayList<>(collections());
        Set<String> collectionConstructors = new HashSet<>();
        found.forEach(growth -> collectionConstructors.add(growth.finding().constructor()));
        for (String constructor : series.get(series.size() - 1).constructors().keySet()) {
            if (!thresholds.isIgnored(constructor)) {
                // A collection's own growth also raises its constructor's bytes: that is one finding, not two.
                countOrBytes(constructor, !collectionConstructors.contains(constructor)).ifPresent(found::add);
            }
        }
        return found;
    }

    private Optional<Growth> countOrBytes(String constructor, boolean bytesToo) {
        List<Long> counts = values(census -> census.count(constructor));
        double minimumCount = thresholds.maxObjectsPerRequest(constructor) * requestsPerRound;
        if (GrowthRule.growsInEveryRound(counts, minimumCount)) {
            int[] grown = last.nodesAllocatedAfter(constructor, series.get(0).maxObjectId());
            List<Long> survivors = RoundSurvivors.perRound(last, grown, series);
            if (grown.length == 0 || !RoundSurvivors.everyRoundLeftSome(survivors, minimumCount)) {
                return Optional.empty(); // its bytes rose with its count, and are no leak either
            }
            // The newest survivor was certainly created by the rounds, not by the warm-up.
            Finding finding = finding(constructor, Shape.COUNT, counts, grown[grown.length - 1],
                    last.retainedSize(constructor), survivors);
            return Optional.of(new Growth(finding, grown, -1, retainedBy(grown)));
        }
        List<Long> bytes = values(census -> census.selfSize(constructor));
        double minimumBytes = thresholds.maxBytesPerRequest(constructor) * requestsPerRound;
        if (bytesToo && GrowthRule.growsInEveryRound(bytes, minimumBytes)) {
            int[] instances = last.nodesOf(constructor);
            if (instances.length == 0) {
                return Optional.empty();
            }
            // The largest instance is the one that grew: a string or Buffer replaced by a longer one.
            int representative = Arrays.stream(instances).boxed()
                    .max(Comparator.comparingLong(last::selfSize)).orElseThrow();
            if (storeGrewWithoutEntries(representative)) {
                return Optional.empty();
            }
            Finding finding = finding(constructor, Shape.BYTES, bytes, representative, last.retainedSize(constructor),
                    List.of());
            return Optional.of(new Growth(finding, new int[]{representative}, -1, last.retainedSize(representative)));
        }
        return Optional.empty();
    }

    /**
     * Whether the node is a JavaScript object whose bytes grew while it holds no more references than at the
     * baseline: room in its property store, not data (Node 26's global object grew by 9 bytes per jsdom window
     * made, its 113 properties unchanged). Data it gained would be references.
     */
    private boolean storeGrewWithoutEntries(int node) {
        if (!last.nodeType(node).equals("object")) {
            return false;
        }
        CollectionSize before = series.get(0).collection(last.objectId(node));
        CollectionSize now = series.get(series.size() - 1).collection(last.objectId(node));
        return before != null && now != null && now.references() <= before.references();
    }

    private List<Growth> collections() {
        Census final_ = series.get(series.size() - 1);
        List<Growth> found = new ArrayList<>();
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
            int[] targets = last.ownedReferenceTargets(node.getAsInt());
            List<Long> survivors = RoundSurvivors.perRound(last, targets, series);
            // Elements that are all older than the rounds (one object pushed again and again) say nothing.
            boolean holdsNewObjects = survivors.stream().anyMatch(count -> count > 0);
            if (!holdsNewObjects || RoundSurvivors.everyRoundLeftSome(survivors, minimum)) {
                long retained = last.retainedSize(node.getAsInt());
                Finding finding = finding(constructor, Shape.COLLECTION, references, node.getAsInt(), retained,
                        survivors);
                found.add(new Growth(finding, RoundSurvivors.allocatedInTheRounds(last, targets, series),
                        node.getAsInt(), retained));
            }
        }
        return found;
    }

    private Finding finding(String constructor, Shape shape, List<Long> values, int representative,
                            long retainedSize, List<Long> survivors) {
        ReadablePath path = ReadablePath.of(last.shortestRetainerPath(representative), scripts::moduleName);
        CodeLocation location = last.location(representative).map(scripts::locate).orElse(null);
        double growth = GrowthRule.perRequest(values, requestsPerRound);
        Judgement judgement = LeakThresholds.isEngineInternal(constructor) ? Judgement.ENGINE_INTERNAL : Judgement.LEAK;
        return new Finding(constructor, shape, values, growth, retainedSize, path, location, survivors, judgement,
                null);
    }

    /** Bytes that would be freed if the grown instances went away: what the growth costs. */
    private long retainedBy(int[] grown) {
        long total = 0;
        for (int node : grown) {
            total += last.retainedSize(node);
        }
        return total;
    }

    private List<Long> values(ToLongFunction<Census> value) {
        return series.stream().map(census -> value.applyAsLong(census)).toList();
    }
}
