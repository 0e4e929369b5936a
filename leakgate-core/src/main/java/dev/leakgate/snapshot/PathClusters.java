package dev.leakgate.snapshot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups objects by the shape of their shortest retainer paths: the same references by name, the same kinds of
 * objects on the way, whatever the element indexes or table slots. A run of objects alike counts as one hop however long it is, so
 * the 6,000 timers of one linked list, reached through 1 to 3,000 {@code _idleNext} or {@code _idlePrev} links, take
 * one path.
 *
 * <p>Each node's path shape is a number in a trie of shapes, found once per node and remembered, so that the paths
 * of many objects through one long chain cost the chain once.
 */
final class PathClusters {

    private static final int UNKNOWN = -2;
    private static final int UNREACHABLE = -1;
    private static final int EMPTY = 0;
    /** Members whose ways in are compared when choosing the one a cluster is shown by. */
    private static final int TYPICAL_SAMPLE = 32;
    /** Hops from the start that tell one way in from another. */
    private static final int LEADING_HOPS = 8;

    private final HeapGraph graph;
    private final ShortestPaths paths;
    private final ClassNames classes;
    private final int[] shapeOf;
    /** Shape number to the class of the object its last hop reaches (-1 for the empty shape). */
    private final GrowableIntArray lastClass = new GrowableIntArray(64);
    private final Map<Long, Integer> hops = new HashMap<>();
    private final Map<Long, Integer> shapes = new HashMap<>();

    private PathClusters(HeapGraph graph, ShortestPaths paths, ClassNames classes) {
        this.graph = graph;
        this.paths = paths;
        this.classes = classes;
        this.shapeOf = new int[graph.nodeCount()];
        Arrays.fill(shapeOf, UNKNOWN);
        shapeOf[graph.root()] = EMPTY;
        lastClass.add(-1);
    }

    /** The clusters of these nodes, the biggest first; each cluster's representative is its first node given. */
    static List<PathCluster> of(int[] nodes, HeapGraph graph, ShortestPaths paths, ClassNames classes) {
        PathClusters clusters = new PathClusters(graph, paths, classes);
        Map<Integer, GrowableIntArray> byShape = new LinkedHashMap<>();
        for (int node : nodes) {
            byShape.computeIfAbsent(clusters.shape(node), shape -> new GrowableIntArray(16)).add(node);
        }
        List<PathCluster> result = new ArrayList<>(byShape.size());
        byShape.values().forEach(members -> result.add(new PathCluster(clusters.typicalFirst(members.toArray()))));
        result.sort(Comparator.comparingInt(PathCluster::count).reversed());
        return result;
    }

    /**
     * The members with one whose way in is the most common first: one shape can take several concrete ways (the
     * timers of a 3,600,000 ms list and Node's own one-second timer read {@code [n] (TimersList) › _idleNext}), and
     * the one shown should be the majority's. Judged on the first hops of a sample's paths, without the last hop,
     * whose index differs for every element.
     */
    private int[] typicalFirst(int[] members) {
        if (members.length < 2) {
            return members;
        }
        Map<String, Integer> votes = new HashMap<>();
        Map<String, Integer> firstWithKey = new HashMap<>();
        int step = Math.max(1, members.length / TYPICAL_SAMPLE);
        for (int i = 0; i < members.length; i += step) {
            String key = leadingHops(members[i]);
            votes.merge(key, 1, Integer::sum);
            firstWithKey.putIfAbsent(key, i);
        }
        String typical = votes.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue()
                .thenComparing(entry -> -firstWithKey.get(entry.getKey()))).orElseThrow().getKey();
        int chosen = firstWithKey.get(typical);
        if (chosen == 0) {
            return members;
        }
        int[] reordered = members.clone();
        reordered[0] = members[chosen];
        reordered[chosen] = members[0];
        return reordered;
    }

    /** The edges of the node's path from its start, at most {@link #LEADING_HOPS}, its last one left out. */
    private String leadingHops(int node) {
        GrowableIntArray edges = new GrowableIntArray(16);
        for (int current = node; paths.reachedBy(current) >= 0; current = graph.edgeSource(paths.reachedBy(current))) {
            edges.add(paths.reachedBy(current));
        }
        StringBuilder key = new StringBuilder();
        for (int i = edges.size() - 1; i >= Math.max(1, edges.size() - LEADING_HOPS); i--) {
            int edge = edges.get(i);
            key.append(graph.edgeType(edge)).append(':').append(graph.edgeNameIndex(edge)).append(' ');
        }
        return key.toString();
    }

    private int shape(int node) {
        GrowableIntArray pending = new GrowableIntArray(16);
        int current = node;
        while (shapeOf[current] == UNKNOWN) {
            if (paths.isStart(current)) {
                shapeOf[current] = startShape(current);
                break;
            }
            int edge = paths.reachedBy(current);
            if (edge < 0) {
                shapeOf[current] = UNREACHABLE;
                break;
            }
            pending.add(current);
            current = graph.edgeSource(edge);
        }
        int shape = shapeOf[current];
        while (!pending.isEmpty()) {
            int reached = pending.removeLast();
            shape = shape == UNREACHABLE ? UNREACHABLE : extend(shape, paths.reachedBy(reached), reached);
            shapeOf[reached] = shape;
        }
        return shape;
    }

    /** The shape one hop longer, or the same shape when the hop reaches an object like the last one's. */
    private int extend(int shape, int edge, int reached) {
        int objectClass = classes.classOf(reached);
        if (lastClass.get(shape) == objectClass) {
            return shape;
        }
        long key = (long) shape << 32 | hop(edge, objectClass);
        Integer known = shapes.get(key);
        if (known != null) {
            return known;
        }
        int created = lastClass.size();
        lastClass.add(objectClass);
        shapes.put(key, created);
        return created;
    }

    /** The shape of a path that starts at this app module scope: one of its own, as modules differ. */
    private int startShape(int module) {
        long key = (long) EMPTY << 32 | hops.computeIfAbsent(-1L - module, k -> hops.size());
        Integer known = shapes.get(key);
        if (known != null) {
            return known;
        }
        int created = lastClass.size();
        lastClass.add(classes.classOf(module));
        shapes.put(key, created);
        return created;
    }

    /** A number for the hop: the edge's type and name (not an element's index) and the class of what it reaches. */
    private int hop(int edge, int objectClass) {
        int name = graph.isIndexEdge(edge) ? -1 : graph.edgeNameIndex(edge);
        long key = (long) graph.edgeType(edge) << 56 | (long) (name + 1) << 24 | objectClass;
        return hops.computeIfAbsent(key, k -> hops.size());
    }
}
