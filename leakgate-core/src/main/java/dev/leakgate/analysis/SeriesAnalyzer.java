package dev.leakgate.analysis;

import dev.leakgate.snapshot.HeapSnapshot;
import dev.leakgate.snapshot.PathCluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides what leaks from a series of snapshots of one process (the baseline, then one snapshot after each round of
 * exactly {@code requestsPerRound} requests), in five steps:
 * <ol>
 *   <li>find what grows like a leak in every round ({@link GrowthSearch}): the findings;</li>
 *   <li>group the findings by cause, from the heap ({@link LeakGrouping});</li>
 *   <li>describe each cause: what it keeps, the way most of its objects are kept, a stable id;</li>
 *   <li>judge each against its limits and the baseline;</li>
 *   <li>rank: failing leaks first, the one keeping the most memory at the head.</li>
 * </ol>
 * Where the leaks come from (allocation stacks, the line to change) is found later, by {@link LeakLocator}.
 */
public final class SeriesAnalyzer {

    private final LeakThresholds thresholds;
    private final ScriptCatalog scripts;

    public SeriesAnalyzer(LeakThresholds thresholds, ScriptCatalog scripts) {
        this.thresholds = thresholds;
        this.scripts = scripts;
    }

    /**
     * @param series           census of every snapshot, baseline first; the last one describes {@code last}
     * @param last             the final snapshot, read with its graph
     * @param requestsPerRound requests served between two consecutive snapshots
     * @return the leaks, failing ones first and the one to fix first at the head
     */
    public List<Leak> analyze(List<Census> series, HeapSnapshot last, long requestsPerRound) {
        requireSeries(series, requestsPerRound);
        List<Growth> growths = new GrowthSearch(thresholds, scripts, series, last, requestsPerRound).find();
        List<Leak> leaks = new ArrayList<>();
        for (LeakGrouping.Group group : LeakGrouping.group(growths, last, series.get(0).maxObjectId())) {
            leaks.add(judged(described(group, growths, series, last, requestsPerRound)));
        }
        leaks.sort(MOST_SEVERE_FIRST);
        return List.copyOf(leaks);
    }

    /** Every leak's findings in one list, most severe leak first, each cause before its symptoms. */
    public static List<Finding> findingsOf(List<Leak> leaks) {
        return leaks.stream().flatMap(leak -> leak.findings().stream()).toList();
    }

    private static void requireSeries(List<Census> series, long requestsPerRound) {
        if (series.size() < 2) {
            throw new IllegalArgumentException("growth needs at least two snapshots, got " + series.size());
        }
        if (requestsPerRound <= 0) {
            throw new IllegalArgumentException("requestsPerRound must be positive, was " + requestsPerRound);
        }
    }

    private Leak described(LeakGrouping.Group group, List<Growth> growths, List<Census> series, HeapSnapshot last,
                           long requestsPerRound) {
        Growth cause = cause(group, growths);
        List<Growth> members = group.members().stream().map(growths::get).filter(growth -> growth != cause)
                .sorted(SYMPTOMS_FIRST_WORST).toList();
        List<Finding> findings = new ArrayList<>();
        findings.add(cause.finding());
        members.forEach(member -> findings.add(member.finding()));

        Growth subjectGrowth = subjectOf(cause, members);
        int[] pathObjects = subjectGrowth.objects().length > 0 ? subjectGrowth.objects()
                : new int[]{subjectGrowth.representative()};
        PathCluster dominant = last.retainerPathClusters(pathObjects).get(0);
        ReadablePath path = ReadablePath.of(last.shortestRetainerPath(dominant.representative()), scripts::moduleName);
        PathShare share = new PathShare(dominant.count(), pathObjects.length);
        Subject subject = subject(subjectGrowth, path, dominant.representative(), last,
                requestsPerRound * (series.size() - 1));

        long retained = group.roots().stream().mapToLong(root -> growths.get(root).retainedByGrowth()).sum();
        Judgement judgement = findings.stream().anyMatch(Finding::failing) ? Judgement.LEAK : Judgement.ENGINE_INTERNAL;
        ReadablePath containerPath = cause.collection() >= 0 ? cause.finding().retainerPath() : path;
        LeakObjects objects = new LeakObjects(subject.shape() == Shape.COUNT ? subject.constructor() : null,
                cause.collection() >= 0 ? last.objectId(cause.collection()) : 0, containerName(cause, path),
                containerPath.start().script(), cause.finding().shape() == Shape.BYTES ? cause.finding().constructor() : null,
                findings.stream().anyMatch(finding -> finding.constructor().equals(LeakObjects.CLOSURES)));
        return new Leak(LeakId.of(subject, ownerPath(group, growths, last).orElse(path)), Leak.MAIN_THREAD, judgement, 0,
                findings, subject, path, share,
                bytesPerRequest(findings, series, requestsPerRound), retained, LeakOrigin.UNKNOWN, objects);
    }

    /**
     * The finding that keeps the others: the one root when there is one (a collection, or objects that keep their
     * own); when several roots share the objects (five listener arrays closing over one logger), nothing owns them
     * all, and the objects themselves lead: the best named among all the leak's findings.
     */
    private static Growth cause(LeakGrouping.Group group, List<Growth> growths) {
        if (group.roots().size() == 1) {
            return growths.get(group.roots().get(0));
        }
        List<Growth> all = group.members().stream().map(growths::get).toList();
        return subjectOf(all.get(0), all.subList(1, all.size()));
    }

    /**
     * The path to the object that keeps all of the leak (the one its roots have in common in the dominator tree: the
     * sessions Map, the events of a stream whose five arrays hold the listeners), which no element index or chain
     * length varies; empty when only the roots of the heap keep it all.
     */
    private Optional<ReadablePath> ownerPath(LeakGrouping.Group group, List<Growth> growths, HeapSnapshot last) {
        List<Integer> owned = new ArrayList<>();
        for (int root : group.roots()) {
            Growth growth = growths.get(root);
            if (growth.collection() >= 0) {
                owned.add(growth.collection());
            } else {
                Arrays.stream(LeakGrouping.sample(growth.objects())).forEach(owned::add);
            }
        }
        int owner = last.commonDominator(owned.stream().mapToInt(Integer::intValue).toArray());
        if (owner == last.root()) {
            return Optional.empty();
        }
        ReadablePath path = ReadablePath.of(last.shortestRetainerPath(owner), scripts::moduleName);
        return path.start().kind() == ReadablePath.StartKind.UNREACHABLE ? Optional.empty() : Optional.of(path);
    }

    /** What the leak keeps, as its title names it: the best-named objects among its findings. */
    private static Growth subjectOf(Growth cause, List<Growth> members) {
        List<Growth> candidates = new ArrayList<>();
        candidates.add(cause);
        candidates.addAll(members);
        return candidates.stream()
                .filter(growth -> growth.finding().shape() == Shape.COUNT && growth.finding().failing())
                .min(Comparator.comparingInt((Growth growth) -> nameRank(growth.finding().constructor()))
                        .thenComparing(Comparator.comparingLong(Growth::retainedByGrowth).reversed()))
                .orElse(cause);
    }

    private static Subject subject(Growth growth, ReadablePath path, int representative, HeapSnapshot last,
                                   long requestsServed) {
        Finding finding = growth.finding();
        String label = finding.constructor();
        if (finding.shape() == Shape.COLLECTION && growth.objects().length > 0 && !path.hops().isEmpty()) {
            // A collection whose new elements no finding of its own counts: they are what it keeps (onReload()).
            String constructor = last.constructorOf(representative);
            long elements = Arrays.stream(growth.objects())
                    .filter(node -> last.constructorOf(node).equals(constructor)).count();
            return new Subject(path.hops().get(path.hops().size() - 1).object(), constructor, Shape.COUNT,
                    (double) elements / requestsServed);
        }
        List<ReadablePath.Hop> ownHops = finding.retainerPath().hops();
        String container = finding.retainerPath().containerName();
        if (finding.shape() == Shape.COLLECTION && !ownHops.isEmpty()) {
            label = ownHops.get(ownHops.size() - 1).edge() + " (" + label + ")"; // rendered (Map)
        } else if (finding.shape() == Shape.BYTES && !container.isEmpty()) {
            label = container; // auditTrail, whose backing store grows
        } else if (label.equals(LeakObjects.CLOSURES) && !path.hops().isEmpty()) {
            label = path.hops().get(path.hops().size() - 1).object(); // the closures' own name: onReload()
        }
        return new Subject(label, finding.constructor(), finding.shape(), finding.growthPerRequest());
    }

    /**
     * The name the app holds the leak's container by, where its code would add to it: for a collection the variable
     * or property its own path reaches it through last, else the container on the leak's path.
     */
    private static String containerName(Growth cause, ReadablePath path) {
        List<ReadablePath.Hop> hops = cause.finding().retainerPath().hops();
        if (cause.collection() >= 0 && !hops.isEmpty()) {
            ReadablePath.Hop last = hops.get(hops.size() - 1);
            return last.kind() == ReadablePath.EdgeKind.VARIABLE || last.kind() == ReadablePath.EdgeKind.PROPERTY
                    ? last.edge() : "";
        }
        return cause.finding().shape() == Shape.BYTES ? cause.finding().retainerPath().containerName()
                : path.containerName();
    }

    /** Bytes the findings' constructors gained per request, each constructor once. */
    private static double bytesPerRequest(List<Finding> findings, List<Census> series, long requestsPerRound) {
        Set<String> constructors = new LinkedHashSet<>();
        findings.forEach(finding -> constructors.add(finding.constructor()));
        Census first = series.get(0);
        Census final_ = series.get(series.size() - 1);
        long gained = 0;
        for (String constructor : constructors) {
            gained += final_.selfSize(constructor) - first.selfSize(constructor);
        }
        return Math.max(0, (double) gained / (requestsPerRound * (series.size() - 1)));
    }

    /** Against the baseline: a known leak that grows no faster than it did is reported, but does not fail. */
    private Leak judged(Leak leak) {
        double accepted = thresholds.baseline().acceptedFor(leak.id());
        if (accepted == 0 || leak.judgement() != Judgement.LEAK) {
            return leak;
        }
        double limit = thresholds.maxPerRequest(leak.subject().constructor(), leak.subject().shape());
        boolean within = leak.subject().growthPerRequest() <= GrowthBaseline.allowance(accepted, limit);
        List<Finding> findings = leak.findings().stream()
                .map(finding -> within && finding.failing() ? finding.withJudgement(Judgement.WITHIN_BASELINE) : finding)
                .toList();
        return new Leak(leak.id(), leak.thread(), within ? Judgement.WITHIN_BASELINE : Judgement.LEAK, accepted,
                findings, leak.subject(), leak.retainerPath(), leak.pathShare(), leak.growthPerRequest(),
                leak.retainedSize(), leak.origin(), leak.objects());
    }

    /**
     * How well a constructor names what a leak keeps: the app's own classes first, then closures, then V8's
     * categories ({@code (string)}) and internals ({@code system / Context}).
     */
    private static int nameRank(String constructor) {
        if (constructor.equals(LeakObjects.CLOSURES)) {
            return 1;
        }
        if (constructor.startsWith("(") || constructor.startsWith("system /")) {
            return 2;
        }
        return 0;
    }

    /**
     * Failing findings first; among them the app's own constructors before closures and V8's categories, then the
     * growth that retains the most memory: a cause keeps its symptoms alive, so it retains more than any of them.
     */
    private static final Comparator<Growth> SYMPTOMS_FIRST_WORST = Comparator
            .comparing((Growth growth) -> growth.finding().judgement())
            .thenComparingInt(growth -> nameRank(growth.finding().constructor()))
            .thenComparing(Comparator.comparingLong(Growth::retainedByGrowth).reversed())
            .thenComparing(Comparator.comparingDouble((Growth growth) -> growth.finding().growthPerRequest()).reversed())
            .thenComparing(growth -> growth.finding().constructor());

    private static final Comparator<Leak> MOST_SEVERE_FIRST = Comparator
            .comparing(Leak::judgement)
            .thenComparing(Comparator.comparingLong(Leak::retainedSize).reversed())
            .thenComparing(Leak::id);
}
