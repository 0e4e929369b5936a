package dev.leakgate.snapshot;

import java.util.function.IntConsumer;

/**
 * How many strong references each object holds, counting those of the engine-internal stores only it
 * owns (see {@link OwnedSizes}): an Array's elements store, a Map's or Set's hash table, an object's
 * property store. An entry added to a collection adds at least one such reference, whether or not
 * the store itself had to be reallocated, so the count follows a collection's size where its byte
 * size moves in steps.
 *
 * <p>V8 reports an array's elements twice: as element edges of the array and as edges of its elements
 * store. A store's reference to an object its owner already refers to directly is therefore not counted
 * again, so an array of n elements counts n, however often it holds the same object.
 */
final class OwnedReferences {

    /** For counting alone: a lambda that captured the count would be allocated once per object. */
    private static final IntConsumer NOTHING = target -> { };

    private final HeapGraph graph;
    private final int[] owners;
    private final int[] counts;
    private final int weakEdge;

    private OwnedReferences(HeapGraph graph, int[] owners, int weakEdge) {
        this.graph = graph;
        this.owners = owners;
        this.counts = new int[graph.nodeCount()];
        this.weakEdge = weakEdge;
    }

    static OwnedReferences of(HeapGraph graph) {
        OwnedReferences references = new OwnedReferences(graph, OwnedSizes.owners(graph), graph.meta().edgeType("weak"));
        long[] ownersTargets = nodeMarks(graph);
        for (int node = 0; node < references.owners.length; node++) {
            int owner = references.owners[node];
            if (owner >= 0) {
                references.counts[owner] += references.forEachReference(owner, node, ownersTargets, NOTHING);
            }
        }
        return references;
    }

    int countOf(int node) {
        return counts[node];
    }

    /** The objects those references point to, in no particular order, one entry per reference. */
    int[] targetsOf(int node) {
        GrowableIntArray targets = new GrowableIntArray(counts[node]);
        long[] ownersTargets = nodeMarks(graph);
        for (int member = 0; member < owners.length; member++) {
            if (owners[member] == node) {
                forEachReference(node, member, ownersTargets, targets::add);
            }
        }
        return targets.toArray();
    }

    /** The engine-internal stores only this node owns (an Array's elements store, a Map's table), in node order. */
    int[] storesOf(int node) {
        GrowableIntArray stores = new GrowableIntArray(4);
        for (int member = 0; member < owners.length; member++) {
            if (owners[member] == node && member != node) {
                stores.add(member);
            }
        }
        return stores.toArray();
    }

    /**
     * The counted references of {@code member}, the owner itself or one of its stores: strong, leaving the
     * owner's group, and for a store only to objects the owner does not refer to directly. Returns how many.
     */
    private int forEachReference(int owner, int member, long[] ownersTargets, IntConsumer action) {
        int count = 0;
        boolean store = member != owner;
        if (store) {
            markDirectTargets(owner, ownersTargets, true);
        }
        for (int edge = graph.edgesStart(member); edge < graph.edgesEnd(member); edge++) {
            int target = graph.edgeTarget(edge);
            if (graph.edgeType(edge) != weakEdge && owners[target] != owner
                    && !(store && isMarked(ownersTargets, target))) {
                action.accept(target);
                count++;
            }
        }
        if (store) {
            markDirectTargets(owner, ownersTargets, false);
        }
        return count;
    }

    private void markDirectTargets(int owner, long[] marks, boolean value) {
        for (int edge = graph.edgesStart(owner); edge < graph.edgesEnd(owner); edge++) {
            int target = graph.edgeTarget(edge);
            if (value) {
                marks[target >>> 6] |= 1L << target;
            } else {
                marks[target >>> 6] &= ~(1L << target);
            }
        }
    }

    /**
     * One bit per node. Not a {@link java.util.BitSet}: its {@code clear} looks for the new highest set
     * bit each time, and the marks are cleared one by one after every store.
     */
    private static long[] nodeMarks(HeapGraph graph) {
        return new long[(graph.nodeCount() + 63) >>> 6];
    }

    private static boolean isMarked(long[] marks, int node) {
        return (marks[node >>> 6] & 1L << node) != 0;
    }
}
