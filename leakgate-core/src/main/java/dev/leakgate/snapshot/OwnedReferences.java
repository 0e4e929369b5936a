package dev.leakgate.snapshot;

/**
 * How many strong references each object holds, counting those of the engine-internal stores only it
 * owns (see {@link OwnedSizes}): an Array's elements store, a Map's or Set's hash table, an object's
 * property store. An entry added to a collection adds at least one such reference, whether or not
 * the store itself had to be reallocated, so the count follows a collection's size where its byte
 * size moves in steps.
 */
final class OwnedReferences {

    private final HeapGraph graph;
    private final int[] owners;
    private final int[] counts;
    private final int weakEdge;

    private OwnedReferences(HeapGraph graph, int[] owners, int[] counts, int weakEdge) {
        this.graph = graph;
        this.owners = owners;
        this.counts = counts;
        this.weakEdge = weakEdge;
    }

    static OwnedReferences of(HeapGraph graph) {
        int[] owners = OwnedSizes.owners(graph);
        int weak = graph.meta().edgeType("weak");
        int[] counts = new int[graph.nodeCount()];
        OwnedReferences references = new OwnedReferences(graph, owners, counts, weak);
        for (int node = 0; node < owners.length; node++) {
            int owner = owners[node];
            if (owner >= 0) {
                for (int edge = graph.edgesStart(node); edge < graph.edgesEnd(node); edge++) {
                    if (references.countsFor(owner, edge)) {
                        counts[owner]++;
                    }
                }
            }
        }
        return references;
    }

    int countOf(int node) {
        return counts[node];
    }

    /** The objects those references point to, in no particular order; duplicates kept. */
    int[] targetsOf(int node) {
        GrowableIntArray targets = new GrowableIntArray(counts[node]);
        for (int member = 0; member < owners.length; member++) {
            if (owners[member] == node) {
                for (int edge = graph.edgesStart(member); edge < graph.edgesEnd(member); edge++) {
                    if (countsFor(node, edge)) {
                        targets.add(graph.edgeTarget(edge));
                    }
                }
            }
        }
        return targets.toArray();
    }

    /** A strong reference out of the owner's group of nodes, not one between the owner and its stores. */
    private boolean countsFor(int owner, int edge) {
        return graph.edgeType(edge) != weakEdge && owners[graph.edgeTarget(edge)] != owner;
    }
}
