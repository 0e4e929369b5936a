package dev.leakgate.snapshot;

import java.util.BitSet;

/**
 * The edges that keep their target alive, for the dominator tree. Follows DevTools'
 * {@code isEssentialEdge}: weak edges and self references never retain; a WeakMap value counts as
 * retained by its key, not by the table (either would free it, and the key gives the more useful
 * answer); away from the root, shortcut edges are mere annotations; and an edge from an object
 * the page does not own (reached only from engine roots) to one it owns (reached from the global
 * object) does not count, so that a debugger or engine cache holding a page object does not take
 * its retained size away from the page.
 */
final class EssentialEdges {

    private final BitSet essential;

    private EssentialEdges(BitSet essential) {
        this.essential = essential;
    }

    static EssentialEdges of(HeapGraph graph) {
        int weak = graph.meta().edgeType("weak");
        int shortcut = graph.meta().edgeType("shortcut");
        boolean[] pageOwned = pageOwnedNodes(graph, weak, shortcut);
        WeakMapEntries weakMaps = new WeakMapEntries(graph);
        BitSet essential = new BitSet(graph.edgeCount());
        for (int node = 0; node < graph.nodeCount(); node++) {
            for (int edge = graph.edgesStart(node); edge < graph.edgesEnd(node); edge++) {
                int type = graph.edgeType(edge);
                int target = graph.edgeTarget(edge);
                if (type != weak && target != node && !weakMaps.isFromTable(node, edge)
                        && (node == graph.root() || type != shortcut && (pageOwned[node] || !pageOwned[target]))) {
                    essential.set(edge);
                }
            }
        }
        return new EssentialEdges(essential);
    }

    boolean retains(int edge) {
        return essential.get(edge);
    }

    /** What the global objects (and, in browsers, the DOM trees) reach through strong edges. */
    private static boolean[] pageOwnedNodes(HeapGraph graph, int weak, int shortcut) {
        boolean[] owned = new boolean[graph.nodeCount()];
        GrowableIntArray work = new GrowableIntArray(0);
        int root = graph.root();
        int element = graph.meta().edgeType("element");
        int synthetic = graph.meta().nodeType("synthetic");
        int domTreesName = graph.stringIndex("(Document DOM trees)");
        for (int edge = graph.edgesStart(root); edge < graph.edgesEnd(root); edge++) {
            int target = graph.edgeTarget(edge);
            boolean domTrees = graph.edgeType(edge) == element && graph.nodeType(target) == synthetic
                    && graph.nameIndex(target) == domTreesName;
            if ((graph.edgeType(edge) == shortcut || domTrees) && !owned[target]) {
                owned[target] = true;
                work.add(target);
            }
        }
        while (!work.isEmpty()) {
            int node = work.removeLast();
            for (int edge = graph.edgesStart(node); edge < graph.edgesEnd(node); edge++) {
                int target = graph.edgeTarget(edge);
                if (graph.edgeType(edge) != weak && !owned[target]) {
                    owned[target] = true;
                    work.add(target);
                }
            }
        }
        return owned;
    }
}
