package dev.leakgate.snapshot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * For every node, the edge that reaches it first in a breadth-first walk from the roots, the way
 * DevTools computes an object's "distance" but for where it starts: first from the app's own module
 * scopes (whatever the app's code holds is shown the way its developer reaches it, not through
 * Node's timer lists or module cache), then from the user roots (the root's non-synthetic children,
 * i.e. the global object), then from the synthetic root for whatever is left (objects held only by
 * engine or embedder roots). Weak edges never count. As in DevTools, the walk also
 * skips references that would give misleading short paths: a native context's
 * {@code sloppy_function_map}, the descriptor links of shared {@code (map descriptors)} arrays, and
 * for each WeakMap entry the first of its two edges (so the value is reached through the later of
 * its key and its table).
 */
final class ShortestPaths {

    private static final int UNREACHED = -1;
    /** What {@link #reachedBy} gives for an app module scope the walk starts at. */
    private static final int START = -2;

    private final HeapGraph graph;
    private final int[] reachedBy;

    private ShortestPaths(HeapGraph graph, int[] reachedBy) {
        this.graph = graph;
        this.reachedBy = reachedBy;
    }

    /** @param appModules the module scopes of the app's own scripts, where paths start when they can */
    static ShortestPaths of(HeapGraph graph, int[] appModules) {
        return new Walk(graph).run(appModules);
    }

    /**
     * The edge the walk reached the node by; negative for the root, for nodes it never reached and for the app
     * module scopes it started at (see {@link #isStart}).
     */
    int reachedBy(int node) {
        return reachedBy[node];
    }

    /** Whether the node is an app module scope a path starts at. */
    boolean isStart(int node) {
        return reachedBy[node] == START;
    }

    /**
     * The path from the root, or from an app module scope (its first step), to the node; empty for the root and for
     * unreachable nodes.
     */
    RetainerPath pathTo(int node, ClassNames classes, ScriptNames scripts) {
        int closure = graph.meta().nodeType("closure");
        List<Integer> nodes = new ArrayList<>();
        int current = node;
        while (current != graph.root() && reachedBy[current] >= 0) {
            nodes.add(current);
            current = graph.edgeSource(reachedBy[current]);
        }
        if (isStart(current)) {
            nodes.add(current);
        } else if (current != graph.root()) {
            return new RetainerPath(List.of());
        }
        Collections.reverse(nodes);
        List<RetainerPath.Step> steps = new ArrayList<>(nodes.size());
        for (int reached : nodes) {
            int edge = reachedBy[reached];
            if (edge == START) {
                steps.add(new RetainerPath.Step("", "", classes.name(classes.classOf(reached)), graph.id(reached), "",
                        scripts.moduleOf(reached)));
                continue;
            }
            String functionName = "";
            if (graph.nodeType(reached) == closure) {
                functionName = graph.name(reached).isEmpty() ? "(anonymous)" : graph.name(reached);
            }
            String module = scripts.moduleOf(reached);
            steps.add(new RetainerPath.Step(graph.edgeName(edge), graph.edgeTypeName(edge),
                    classes.name(classes.classOf(reached)), graph.id(reached), functionName, module));
        }
        return new RetainerPath(steps);
    }

    /** One breadth-first walk, in phases, with DevTools' edge filter. */
    private static final class Walk {

        private final HeapGraph graph;
        private final int[] reachedBy;
        private final boolean[] visited;
        private final int[] queue;
        private int queued;
        private final int weakEdge;
        private final int hiddenType;
        private final int arrayType;
        private final int syntheticType;
        private final int domTreesName;
        private final int sloppyFunctionMapName;
        private final int mapDescriptorsName;
        private final WeakMapEntries weakMaps;
        private final Set<String> firstEdgeOfEntrySeen = new HashSet<>();

        Walk(HeapGraph graph) {
            this.graph = graph;
            this.reachedBy = new int[graph.nodeCount()];
            this.queue = new int[graph.nodeCount()];
            this.visited = new boolean[graph.nodeCount()];
            this.weakEdge = graph.meta().edgeType("weak");
            this.hiddenType = graph.meta().nodeType("hidden");
            this.arrayType = graph.meta().nodeType("array");
            this.syntheticType = graph.meta().nodeType("synthetic");
            this.domTreesName = graph.stringIndex("(Document DOM trees)");
            this.sloppyFunctionMapName = graph.stringIndex("sloppy_function_map");
            this.mapDescriptorsName = graph.stringIndex("(map descriptors)");
            this.weakMaps = new WeakMapEntries(graph);
            Arrays.fill(reachedBy, UNREACHED);
        }

        ShortestPaths run(int[] appModules) {
            for (int module : appModules) {
                if (!visited[module]) {
                    visited[module] = true;
                    reachedBy[module] = START;
                    queue[queued++] = module;
                }
            }
            walkFrom(0, true);
            int userRootsStart = queued;
            int root = graph.root();
            visited[root] = true;
            for (int edge = graph.edgesStart(root); edge < graph.edgesEnd(root); edge++) {
                int target = graph.edgeTarget(edge);
                if (isUserRoot(target) && !visited[target]) {
                    reach(target, edge);
                }
            }
            walkFrom(userRootsStart, false);
            int restStart = queued;
            queue[queued++] = root;
            walkFrom(restStart, false);
            return new ShortestPaths(graph, reachedBy);
        }

        private void reach(int node, int edge) {
            visited[node] = true;
            reachedBy[node] = edge;
            queue[queued++] = node;
        }

        private boolean isUserRoot(int node) {
            return graph.nodeType(node) != syntheticType || graph.nameIndex(node) == domTreesName;
        }

        /**
         * @param fromAppModules whether the walk is the one from the app's module scopes, which leaves the global
         *                       scope (a native context, which every scope chain ends in) to the walk from the roots:
         *                       a global is {@code global › cache}, not a module's way up to it
         */
        private void walkFrom(int head, boolean fromAppModules) {
            for (int next = head; next < queued; next++) {
                int node = queue[next];
                for (int edge = graph.edgesStart(node); edge < graph.edgesEnd(node); edge++) {
                    int target = graph.edgeTarget(edge);
                    if (graph.edgeType(edge) != weakEdge && !visited[target] && follows(node, edge)
                            && !(fromAppModules && graph.nodeType(target) == hiddenType
                            && graph.isNativeContext(target))) {
                        reach(target, edge);
                    }
                }
            }
        }

        private boolean follows(int node, int edge) {
            int type = graph.nodeType(node);
            if (type == hiddenType && graph.hasStringName(edge) && graph.edgeNameIndex(edge) == sloppyFunctionMapName
                    && graph.isNativeContext(node)) {
                return false;
            }
            if (type == arrayType && graph.nameIndex(node) == mapDescriptorsName) {
                long index = leadingIndex(edge);
                return index < 0 || index < 2 || index % 3 != 1;
            }
            String entry = weakMaps.entryOf(edge);
            if (entry != null && !firstEdgeOfEntrySeen.remove(entry)) {
                firstEdgeOfEntrySeen.add(entry);
                return false;
            }
            return true;
        }

        /** The number an edge name starts with, or -1 (what JavaScript's parseInt would call NaN). */
        private long leadingIndex(int edge) {
            if (!graph.hasStringName(edge)) {
                return graph.edgeNameIndex(edge);
            }
            String name = graph.string(graph.edgeNameIndex(edge)).strip();
            int digits = 0;
            while (digits < name.length() && digits < 18 && Character.isDigit(name.charAt(digits))) {
                digits++;
            }
            return digits == 0 ? -1 : Long.parseLong(name.substring(0, digits));
        }
    }
}
