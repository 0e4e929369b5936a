package dev.leakgate.snapshot;

/**
 * The self sizes DevTools shows: an engine-internal array or hidden object (an Array's elements
 * store, a Map's hash table, an object's property backing store) that only one object reaches
 * counts towards that object's size, not as an entry of its own.
 *
 * <p>Follows DevTools' {@code calculateShallowSizes}: every node that is neither {@code array} nor
 * {@code hidden} owns itself; ownership spreads along non-weak edges to such internals; an
 * internal reached from two owners keeps its own size. Sizes never move to the synthetic root or to
 * synthetic nodes. Snapshots without a user root (the global object) keep raw sizes, as DevTools
 * does for snapshots taken with engine internals exposed.
 */
final class OwnedSizes {

    /** The owner of an internal no object reaches (yet). */
    static final int UNVISITED = -1;
    /** The owner of an internal reached from more than one object: it keeps its own size. */
    static final int SHARED = -2;

    private OwnedSizes() {}

    /** Moves the sizes in the graph's own self-size column, which the reader owns until the snapshot is built. */
    static void moveToOwners(HeapGraph graph) {
        if (hasUserRoot(graph)) {
            move(graph.selfSizes(), owners(graph), graph.root(), graph.nodeTypes(), graph.meta().nodeType("synthetic"));
        }
    }

    /** Adds each owned internal's size to its owner's and zeroes its own, in {@code sizes}. */
    static void move(long[] sizes, int[] owners, int root, byte[] nodeTypes, int syntheticType) {
        for (int node = 0; node < owners.length; node++) {
            int owner = owners[node];
            if (owner >= 0 && owner != node && owner != root && nodeTypes[owner] != syntheticType) {
                sizes[owner] += sizes[node];
                sizes[node] = 0;
            }
        }
    }

    /**
     * Each node's owner: itself for nodes that are neither {@code array} nor {@code hidden}; for those,
     * the one such node that reaches them through internals only, {@link #SHARED} for one reached from
     * several, {@link #UNVISITED} for one reached from none. The result does not depend on the order
     * owners are visited in, so each owner's internals are walked in turn.
     */
    static int[] owners(HeapGraph graph) {
        int array = graph.meta().nodeType("array");
        int hidden = graph.meta().nodeType("hidden");
        int weak = graph.meta().edgeType("weak");
        int[] owners = new int[graph.nodeCount()];
        for (int node = 0; node < owners.length; node++) {
            boolean internal = graph.nodeType(node) == array || graph.nodeType(node) == hidden;
            owners[node] = internal ? UNVISITED : node;
        }
        GrowableIntArray work = new GrowableIntArray(0);
        for (int start = 0; start < owners.length; start++) {
            if (owners[start] != start) {
                continue;
            }
            work.add(start);
            while (!work.isEmpty()) {
                int node = work.removeLast();
                int owner = owners[node];
                for (int edge = graph.edgesStart(node); edge < graph.edgesEnd(node); edge++) {
                    if (graph.edgeType(edge) == weak) {
                        continue;
                    }
                    int target = graph.edgeTarget(edge);
                    int merged = merge(owners[target], owner, target);
                    if (merged != owners[target]) {
                        owners[target] = merged;
                        work.add(target);
                    }
                }
            }
        }
        return owners;
    }

    /**
     * The owner of {@code node} once {@code owner} reaches it too: the first owner to reach an
     * internal node owns it, a second one makes it shared; nodes that own themselves stay so.
     */
    static int merge(int current, int owner, int node) {
        if (owner == UNVISITED || current == node || current == owner || current == SHARED) {
            return current;
        }
        return current == UNVISITED ? owner : SHARED;
    }

    static boolean hasUserRoot(HeapGraph graph) {
        int synthetic = graph.meta().nodeType("synthetic");
        int root = graph.root();
        for (int edge = graph.edgesStart(root); edge < graph.edgesEnd(root); edge++) {
            if (graph.nodeType(graph.edgeTarget(edge)) != synthetic) {
                return true;
            }
        }
        return false;
    }
}
