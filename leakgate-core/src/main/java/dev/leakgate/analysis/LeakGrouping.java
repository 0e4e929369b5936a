package dev.leakgate.analysis;

import dev.leakgate.snapshot.HeapSnapshot;
import dev.leakgate.snapshot.ObjectIds;
import dev.leakgate.snapshot.RetainerPath;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tells which findings one cause makes grow, from the heap alone: a finding whose objects are mostly kept alive by
 * another finding's objects (the latter dominate them) is its symptom, and findings that keep no one else's objects
 * but hold on to one another's (the listeners on five event arrays of one stream, and the logger they all close over)
 * are one cause.
 *
 * <p>Two steps, on a sample of each finding's objects, judged object by object (one constructor's objects may serve
 * two causes: the carts of sessions and the line lists of loggers are all {@code Array}s):
 * <ol>
 *   <li><b>Ownership.</b> Walking up the dominator tree from an object, the outermost object of another finding met
 *       keeps it alive: a Date by its Session's Map, not just by the Session. When other findings keep most sampled
 *       objects of a finding and one of them keeps most of those, the finding is that one's symptom; a finding no
 *       other keeps is a root. One whose objects several keep alike waits for the causes to form, and goes with the
 *       cause that keeps most of them.</li>
 *   <li><b>Entanglement.</b> Roots whose objects refer to one another's (each object counted for the root that keeps
 *       it) are one cause that no single object owns. Independent leaks share no objects, so they stay apart.</li>
 * </ol>
 */
final class LeakGrouping {

    /** Objects sampled per finding: enough to see a majority, few enough for a finding of millions. */
    static final int SAMPLE_SIZE = 256;
    /** The share of a finding's objects other findings must keep to make it a symptom (of the one keeping most). */
    static final double OWNED_SHARE = 0.5;
    /** The share of a root's sampled objects that must refer to another root's objects for the two to be one. */
    static final double ENTANGLED_SHARE = 0.1;
    /** References followed from an object when looking for another root's: enough to cross two closure scopes. */
    static final int LINK_HOPS = 3;
    /** Objects with more references than this are not looked through. */
    private static final int MAX_FAN_OUT = 32;
    private static final int UNKNOWN = -2;
    private static final int NONE = -1;
    /** The owner of a finding whose objects several others keep, none of them most. */
    private static final int SPLIT = -3;

    private final List<Growth> growths;
    private final HeapSnapshot last;
    /** The highest object id of the baseline: objects with higher ids were made by the rounds. */
    private final int baselineMaxId;
    /** Per node, the finding it belongs to, or -1. */
    private final int[] memberOf;
    /** Per node walked, the outermost finding object on its dominator chain, or -1. */
    private final int[] outermost;
    /** Per finding, the first of the alike collections it is one of (see {@link #kinCollections}); else itself. */
    private final int[] kin;

    private LeakGrouping(List<Growth> growths, HeapSnapshot last, int baselineMaxId) {
        this.growths = growths;
        this.last = last;
        this.baselineMaxId = baselineMaxId;
        this.memberOf = new int[last.nodeCount()];
        this.outermost = new int[last.nodeCount()];
        Arrays.fill(memberOf, NONE);
        Arrays.fill(outermost, UNKNOWN);
        this.kin = kinCollections(growths, last);
        for (int g = 0; g < growths.size(); g++) {
            for (int node : ownNodes(growths.get(g))) {
                if (memberOf[node] == NONE) {
                    memberOf[node] = kin[g];
                }
            }
        }
    }

    /**
     * Collections of one constructor reached the same way but for which element or entry they are (a history array
     * per session, a queue per connection) grow each by a share of the requests: one cause, as one collection
     * growing by all of them would be. Per finding, the first of its kin.
     */
    private static int[] kinCollections(List<Growth> growths, HeapSnapshot last) {
        int[] kin = new int[growths.size()];
        Map<String, Integer> firstOfKind = new HashMap<>();
        for (int g = 0; g < growths.size(); g++) {
            kin[g] = g;
            int collection = growths.get(g).collection();
            if (collection >= 0) {
                StringBuilder way = new StringBuilder(last.constructorOf(collection));
                for (RetainerPath.Step step : last.shortestRetainerPath(collection).steps()) {
                    boolean slot = step.edgeType().equals("element") || step.edgeName().matches("\\d+");
                    way.append(" > ").append(slot ? "#" : step.edgeName()).append(' ').append(step.constructor());
                }
                Integer first = firstOfKind.putIfAbsent(way.toString(), g);
                kin[g] = first == null ? g : first;
            }
        }
        return kin;
    }

    /**
     * The findings in groups, one per cause: each group lists indexes into {@code growths}, its roots (the findings
     * no other finding keeps) first.
     */
    static List<Group> group(List<Growth> growths, HeapSnapshot last, int baselineMaxId) {
        if (growths.isEmpty()) {
            return List.of();
        }
        return new LeakGrouping(growths, last, baselineMaxId).run();
    }

    /** One cause's findings. */
    record Group(List<Integer> roots, List<Integer> members) {
    }

    private List<Group> run() {
        int[] owner = new int[growths.size()];
        List<Map<Integer, Integer>> keepers = new ArrayList<>();
        for (int g = 0; g < growths.size(); g++) {
            keepers.add(keepers(g));
            owner[g] = owner(g, keepers.get(g));
        }
        // Findings several others keep alike stand alone while the causes form: one of their keepers would pull the
        // rest of them, and what they keep, into its cause.
        int[] decided = owner.clone();
        for (int g = 0; g < decided.length; g++) {
            if (decided[g] == SPLIT) {
                decided[g] = NONE;
            }
        }
        int[] root = roots(decided);
        int[] cause = withKin(entangled(root), root);
        if (settleSplit(owner, keepers, root, cause)) {
            root = roots(owner);
        }
        Map<Integer, List<Integer>> rootsByCause = new LinkedHashMap<>();
        Map<Integer, List<Integer>> membersByCause = new LinkedHashMap<>();
        for (int g = 0; g < growths.size(); g++) {
            int c = cause[root[g]];
            membersByCause.computeIfAbsent(c, key -> new ArrayList<>()).add(g);
            if (root[g] == g) {
                rootsByCause.computeIfAbsent(c, key -> new ArrayList<>()).add(g);
            }
        }
        List<Group> groups = new ArrayList<>();
        membersByCause.forEach((c, members) -> groups.add(new Group(rootsByCause.get(c), members)));
        return groups;
    }

    /** The causes with every collection in the cause of its first kin. */
    private int[] withKin(int[] cause, int[] root) {
        int[] joined = cause.clone();
        for (int g = 0; g < joined.length; g++) {
            if (kin[g] != g) {
                joined[g] = cause[root[kin[g]]];
            }
        }
        return joined;
    }

    /** For each other finding that keeps some of this one's sampled objects alive, how many. */
    private Map<Integer, Integer> keepers(int g) {
        Map<Integer, Integer> votes = new HashMap<>();
        for (int node : ownSample(growths.get(g))) {
            int above = last.immediateDominator(node);
            int keeper = above == node ? NONE : outermostMember(above);
            if (keeper != NONE && memberOf[keeper] != g) {
                votes.merge(memberOf[keeper], 1, Integer::sum);
            }
        }
        return votes;
    }

    /**
     * The finding that keeps most of this one's objects alive, when other findings keep most of them at all; else -1.
     * {@link #SPLIT} when no one of them keeps most of what they keep: six closures per request, one in a listener
     * array and one in each of a logger's five event arrays.
     */
    private int owner(int g, Map<Integer, Integer> keepers) {
        int kept = keepers.values().stream().mapToInt(Integer::intValue).sum();
        if (kept < OWNED_SHARE * ownSample(growths.get(g)).length) {
            return NONE;
        }
        int most = mostVotes(keepers);
        return keepers.get(most) > OWNED_SHARE * kept ? most : SPLIT;
    }

    /**
     * Gives each {@link #SPLIT} finding to the cause that keeps most of its objects, now that the causes are known:
     * the logger's five arrays together keep five of the six closures. Whether there was any.
     */
    private boolean settleSplit(int[] owner, List<Map<Integer, Integer>> keepers, int[] root, int[] cause) {
        boolean settled = false;
        for (int g = 0; g < owner.length; g++) {
            if (owner[g] != SPLIT) {
                continue;
            }
            Map<Integer, Integer> byCause = new HashMap<>();
            keepers.get(g).forEach((keeper, votes) -> byCause.merge(cause[root[keeper]], votes, Integer::sum));
            int bestCause = mostVotes(byCause);
            Map<Integer, Integer> inCause = new HashMap<>(keepers.get(g));
            inCause.keySet().removeIf(keeper -> cause[root[keeper]] != bestCause);
            owner[g] = mostVotes(inCause);
            settled = true;
        }
        return settled;
    }

    /** The key with the most votes, the smallest on a tie. */
    private static int mostVotes(Map<Integer, Integer> votes) {
        return votes.entrySet().stream().max(Map.Entry.<Integer, Integer>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .map(Map.Entry::getKey).orElse(NONE);
    }

    /**
     * The outermost object of any finding on the node's dominator chain, the node itself included: the object whose
     * finding keeps it. -1 when there is none. Remembered for every node walked.
     */
    private int outermostMember(int node) {
        List<Integer> chain = new ArrayList<>();
        int current = node;
        int found = NONE;
        while (true) {
            if (outermost[current] != UNKNOWN) {
                found = outermost[current];
                break;
            }
            chain.add(current);
            int above = last.immediateDominator(current);
            if (above == current || current == last.root()) {
                break;
            }
            current = above;
        }
        // From the root side down: a node's answer is the answer above it, or itself when it is the first member.
        for (int i = chain.size() - 1; i >= 0; i--) {
            int walked = chain.get(i);
            if (found == NONE && memberOf[walked] != NONE) {
                found = walked;
            }
            outermost[walked] = found;
        }
        return found;
    }

    /** Each finding's root: its owner's owner, and so on. In a cycle of owners, the one that retains most is root. */
    private int[] roots(int[] owner) {
        int[] root = new int[owner.length];
        for (int g = 0; g < owner.length; g++) {
            List<Integer> chain = new ArrayList<>();
            int current = g;
            while (owner[current] != NONE && !chain.contains(current)) {
                chain.add(current);
                current = owner[current];
            }
            if (chain.contains(current)) {
                List<Integer> cycle = chain.subList(chain.indexOf(current), chain.size());
                int top = cycle.stream().max(Comparator.comparingLong(c -> growths.get(c).retainedByGrowth())).orElseThrow();
                owner[top] = NONE;
            }
        }
        // Settled once every cycle is cut.
        for (int g = 0; g < owner.length; g++) {
            int current = g;
            while (owner[current] != NONE) {
                current = owner[current];
            }
            root[g] = current;
        }
        return root;
    }

    /**
     * Joins roots whose objects refer to one another's; each root maps to the smallest root of its cause. A root's
     * objects are all those it keeps, whichever finding they belong to; a sample of them is checked for references
     * into another root's.
     */
    private int[] entangled(int[] root) {
        int[] cause = new int[growths.size()];
        for (int g = 0; g < cause.length; g++) {
            cause[g] = g;
        }
        Map<Integer, List<Integer>> kept = keptByRoot(root);
        kept.forEach((from, objects) -> {
            Map<Integer, Integer> linking = new HashMap<>();
            int[] sample = sample(objects.stream().mapToInt(Integer::intValue).toArray());
            for (int node : sample) {
                reachedRoots(node, from, root).forEach(to -> linking.merge(to, 1, Integer::sum));
            }
            // A root may keep nothing but its collection, whose elements other roots keep: one link is enough then.
            linking.forEach((to, count) -> {
                if (count >= Math.max(1, ENTANGLED_SHARE * sample.length)) {
                    union(cause, from, to);
                }
            });
        });
        for (int g = 0; g < cause.length; g++) {
            cause[g] = find(cause, g);
        }
        return cause;
    }

    /**
     * Per root, objects of every finding that it keeps, from a sample of each finding (V8's bookkeeping left out: it
     * refers to everything).
     */
    private Map<Integer, List<Integer>> keptByRoot(int[] root) {
        Map<Integer, List<Integer>> kept = new LinkedHashMap<>();
        for (int g = 0; g < growths.size(); g++) {
            if (isEngineInternal(g)) {
                continue;
            }
            for (int node : linkNodes(growths.get(g))) {
                int keeper = rootKeeping(node, root);
                if (keeper != NONE) {
                    kept.computeIfAbsent(keeper, r -> new ArrayList<>()).add(node);
                }
            }
        }
        return kept;
    }

    /**
     * The other roots whose objects this one reaches within {@link #LINK_HOPS} references, through objects the rounds
     * made: a closure reaches the logger of its outer scope through its own block scope, two hops away.
     */
    private Set<Integer> reachedRoots(int node, int from, int[] root) {
        Set<Integer> reached = new HashSet<>();
        Set<Integer> seen = new HashSet<>(List.of(node));
        List<Integer> frontier = List.of(node);
        for (int hop = 0; hop < LINK_HOPS && !frontier.isEmpty(); hop++) {
            List<Integer> next = new ArrayList<>();
            for (int current : frontier) {
                int[] targets = referencesOf(current);
                if (targets.length > MAX_FAN_OUT && current != node) {
                    continue; // a big container in between is no link between two objects
                }
                for (int target : targets) {
                    // Only through what the rounds made: old shared things (a module's scope) link everything.
                    if (ObjectIds.allocatedAfter(last.objectId(target), baselineMaxId) && seen.add(target)) {
                        int to = rootKeeping(target, root);
                        if (to != NONE && to != from) {
                            reached.add(to);
                        }
                        next.add(target);
                    }
                }
            }
            frontier = next;
        }
        return reached;
    }

    /** The root finding that keeps this object, through the outermost finding object above it; -1 for none. */
    private int rootKeeping(int node, int[] root) {
        int keeper = outermostMember(node);
        if (keeper == NONE || isEngineInternal(memberOf[keeper])) {
            return NONE;
        }
        return root[memberOf[keeper]];
    }

    private boolean isEngineInternal(int g) {
        return growths.get(g).finding().judgement() == Judgement.ENGINE_INTERNAL;
    }

    /** What an object refers to; for a collection, its elements and entries too. */
    private int[] referencesOf(int node) {
        int g = memberOf[node];
        return g != NONE && growths.get(g).collection() == node ? last.ownedReferenceTargets(node)
                : last.strongReferences(node);
    }

    /** The nodes that stand for a finding in the dominator tree: the collection itself, else its grown objects. */
    private static int[] ownNodes(Growth growth) {
        return growth.collection() >= 0 ? new int[]{growth.collection()} : growth.objects();
    }

    private static int[] ownSample(Growth growth) {
        return sample(ownNodes(growth));
    }

    /** A sample of the objects a finding links through: its grown objects, and for a collection the collection. */
    private static int[] linkNodes(Growth growth) {
        int[] sample = sample(growth.objects());
        if (growth.collection() < 0) {
            return sample;
        }
        int[] nodes = Arrays.copyOf(sample, sample.length + 1);
        nodes[sample.length] = growth.collection();
        return nodes;
    }

    /** Up to {@link #SAMPLE_SIZE} nodes spread evenly over the array. */
    static int[] sample(int[] nodes) {
        if (nodes.length <= SAMPLE_SIZE) {
            return nodes;
        }
        int[] sample = new int[SAMPLE_SIZE];
        for (int i = 0; i < SAMPLE_SIZE; i++) {
            sample[i] = nodes[(int) ((long) i * nodes.length / SAMPLE_SIZE)];
        }
        return sample;
    }

    private static long pair(int a, int b) {
        return (long) Math.min(a, b) << 32 | Math.max(a, b);
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }
}
