package dev.leakgate.analysis;

import dev.leakgate.snapshot.HeapSnapshot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells which findings one cause makes grow, from the heap alone: a finding whose objects are mostly kept alive by
 * another finding's objects (the latter dominate them) is its symptom, and findings that keep no one else's objects
 * but hold on to one another's (the listeners on five event arrays of one stream, and the logger they all close over)
 * are one cause.
 *
 * <p>Two steps, on a sample of each finding's objects:
 * <ol>
 *   <li><b>Ownership.</b> Walking up the dominator tree from an object, the first object of another finding met
 *       keeps it alive. When most sampled objects of a finding are kept by one other finding, the finding is that
 *       one's symptom: the Session by the sessions Map, its Date by the Session. Followed to the end, this gives
 *       each finding its root: a finding no other keeps.</li>
 *   <li><b>Entanglement.</b> Roots whose objects refer to one another's (directly, or through the objects they keep)
 *       are one cause that no single object owns. Independent leaks share no objects, so they stay apart.</li>
 * </ol>
 */
final class LeakGrouping {

    /** Objects sampled per finding: enough to see a majority, few enough for a finding of millions. */
    static final int SAMPLE_SIZE = 256;
    /** The share of a finding's objects another finding must keep to make it its symptom. */
    static final double OWNED_SHARE = 0.5;
    /** The share of the smaller root's sampled objects that must refer to the other root's for the two to be one. */
    static final double ENTANGLED_SHARE = 0.1;
    private static final int UNKNOWN = -2;
    private static final int NONE = -1;

    private final List<Growth> growths;
    private final HeapSnapshot last;
    private final int[] memberOf;
    private final int[] nearestMember;

    private LeakGrouping(List<Growth> growths, HeapSnapshot last) {
        this.growths = growths;
        this.last = last;
        this.memberOf = new int[last.nodeCount()];
        this.nearestMember = new int[last.nodeCount()];
        Arrays.fill(memberOf, NONE);
        Arrays.fill(nearestMember, UNKNOWN);
        for (int g = 0; g < growths.size(); g++) {
            for (int node : ownNodes(growths.get(g))) {
                if (memberOf[node] == NONE) {
                    memberOf[node] = g;
                }
            }
        }
    }

    /**
     * The findings in groups, one per cause: each group lists indexes into {@code growths}, its roots (the findings
     * no other finding keeps) first.
     */
    static List<Group> group(List<Growth> growths, HeapSnapshot last) {
        if (growths.isEmpty()) {
            return List.of();
        }
        return new LeakGrouping(growths, last).run();
    }

    /** One cause's findings. */
    record Group(List<Integer> roots, List<Integer> members) {
    }

    private List<Group> run() {
        int[] owner = new int[growths.size()];
        for (int g = 0; g < growths.size(); g++) {
            owner[g] = owner(g);
        }
        int[] root = roots(owner);
        int[] cause = entangled(root);
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

    /** The finding that keeps most of this one's objects alive, or -1 when none keeps a majority. */
    private int owner(int g) {
        int[] sample = ownSample(growths.get(g));
        Map<Integer, Integer> votes = new HashMap<>();
        for (int node : sample) {
            int keeper = keeperOf(node, g);
            if (keeper != NONE) {
                votes.merge(memberOf[keeper], 1, Integer::sum);
            }
        }
        return votes.entrySet().stream()
                .filter(vote -> vote.getValue() >= OWNED_SHARE * sample.length)
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .orElse(NONE);
    }

    /** The nearest object above the node in the dominator tree that belongs to a finding other than {@code g}. */
    private int keeperOf(int node, int g) {
        int current = node;
        while (current != last.root()) {
            int above = last.immediateDominator(current);
            if (above == current) {
                return NONE;
            }
            int member = nearestMember(above);
            if (member == NONE || memberOf[member] != g) {
                return member;
            }
            current = member; // an object of the same finding (a chain of them): keep climbing
        }
        return NONE;
    }

    /** The node itself if it belongs to a finding, else the nearest dominator that does; -1 for none. Remembered. */
    private int nearestMember(int node) {
        List<Integer> visited = new ArrayList<>();
        int current = node;
        int found;
        while (true) {
            if (nearestMember[current] != UNKNOWN) {
                found = nearestMember[current];
                break;
            }
            if (memberOf[current] != NONE) {
                found = current;
                break;
            }
            visited.add(current);
            int above = last.immediateDominator(current);
            if (above == current || current == last.root()) {
                found = NONE;
                break;
            }
            current = above;
        }
        for (int seen : visited) {
            nearestMember[seen] = found;
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
                current = top;
            }
            root[g] = current;
        }
        // A cut cycle may have changed roots found before it: settle them again.
        for (int g = 0; g < owner.length; g++) {
            int current = g;
            while (owner[current] != NONE) {
                current = owner[current];
            }
            root[g] = current;
        }
        return root;
    }

    /** Joins roots whose objects refer to one another's; each root maps to the smallest root of its cause. */
    private int[] entangled(int[] root) {
        int[] cause = new int[growths.size()];
        for (int g = 0; g < cause.length; g++) {
            cause[g] = g;
        }
        Map<Long, Integer> links = new HashMap<>();
        int[] sampled = new int[growths.size()];
        for (int g = 0; g < growths.size(); g++) {
            if (isEngineInternal(g)) {
                continue; // V8's bookkeeping refers to everything; it never joins two causes
            }
            int[] sample = linkSample(growths.get(g));
            sampled[root[g]] += sample.length;
            for (int node : sample) {
                for (int target : referencesOf(node, growths.get(g))) {
                    int other = memberOf[target];
                    if (other != NONE && root[other] != root[g] && !isEngineInternal(other)) {
                        links.merge(pair(root[g], root[other]), 1, Integer::sum);
                    }
                }
            }
        }
        links.forEach((pair, count) -> {
            int a = (int) (pair >>> 32);
            int b = (int) (long) pair;
            if (count >= Math.max(2, ENTANGLED_SHARE * Math.min(sampled[a], sampled[b]))) {
                union(cause, a, b);
            }
        });
        for (int g = 0; g < cause.length; g++) {
            cause[g] = find(cause, g);
        }
        return cause;
    }

    private boolean isEngineInternal(int g) {
        return growths.get(g).finding().judgement() == Judgement.ENGINE_INTERNAL;
    }

    /** What a sampled object refers to; for the collection itself, its elements and entries. */
    private int[] referencesOf(int node, Growth growth) {
        return node == growth.collection() ? last.ownedReferenceTargets(node) : last.strongReferences(node);
    }

    /** The nodes that stand for a finding in the dominator tree: the collection itself, else its grown objects. */
    private static int[] ownNodes(Growth growth) {
        return growth.collection() >= 0 ? new int[]{growth.collection()} : growth.objects();
    }

    private static int[] ownSample(Growth growth) {
        return sample(ownNodes(growth));
    }

    /** A collection's links run through its elements and entries as well as from itself. */
    private static int[] linkSample(Growth growth) {
        if (growth.collection() < 0) {
            return sample(growth.objects());
        }
        int[] elements = sample(growth.objects());
        int[] nodes = Arrays.copyOf(elements, elements.length + 1);
        nodes[elements.length] = growth.collection();
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
