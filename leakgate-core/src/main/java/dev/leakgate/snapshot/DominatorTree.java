package dev.leakgate.snapshot;

/**
 * Immediate dominators and retained sizes: an object's retained size is what the GC would free if
 * the object were gone, i.e. its self size plus that of every object it dominates.
 *
 * <p>Lengauer and Tarjan's algorithm ("A fast algorithm for finding dominators in a flowgraph",
 * 1979), in its simple form with path compression, iterative throughout (heaps are deeper than a
 * thread stack). Only {@link EssentialEdges} count. As in DevTools, nodes the walk from the root
 * cannot reach are attached to the root: first those with no retaining edge at all (held only
 * weakly), each with what they reach, then any rest one by one (cycles held only weakly).
 *
 * <p>Vertices are numbered {@code node + 1} so that 0 can mean "none".
 */
final class DominatorTree {

    private final int[] dominators;
    private final long[] retainedSizes;

    private DominatorTree(int[] dominators, long[] retainedSizes) {
        this.dominators = dominators;
        this.retainedSizes = retainedSizes;
    }

    static DominatorTree of(HeapGraph graph) {
        return new Computation(graph, EssentialEdges.of(graph)).run();
    }

    /** The node's immediate dominator; the root is its own. */
    int dominatorOf(int node) {
        return dominators[node];
    }

    long retainedSize(int node) {
        return retainedSizes[node];
    }

    int nodeCount() {
        return dominators.length;
    }

    /** The state of one run of the algorithm, in the paper's names. */
    private static final class Computation {

        private final HeapGraph graph;
        private final EssentialEdges edges;
        private final int vertexCount;
        private final int[] parent;
        private final int[] ancestor;
        private final int[] vertex;
        private final int[] label;
        private final int[] semi;
        private final int[] dom;
        private final int[] bucketHead;
        private final int[] bucketNext;
        private final int[] firstPredecessor;
        private final int[] predecessors;
        private final int[] edgeCursor;
        private final int[] compressionPath;
        private int numbered;

        Computation(HeapGraph graph, EssentialEdges edges) {
            this.graph = graph;
            this.edges = edges;
            this.vertexCount = graph.nodeCount();
            int size = vertexCount + 1;
            parent = new int[size];
            ancestor = new int[size];
            vertex = new int[size];
            label = new int[size];
            semi = new int[size];
            dom = new int[size];
            bucketHead = new int[size];
            bucketNext = new int[size];
            firstPredecessor = new int[size + 1];
            edgeCursor = new int[size];
            compressionPath = new int[size];
            predecessors = predecessors();
        }

        DominatorTree run() {
            int r = graph.root() + 1;
            depthFirstNumbering(r);
            if (numbered < vertexCount) {
                for (int v = 1; v <= vertexCount; v++) {
                    if (semi[v] == 0 && predecessorCount(v) == 0) {
                        parent[v] = r;
                        depthFirstNumbering(v);
                    }
                }
            }
            if (numbered < vertexCount) {
                for (int v = 1; v <= vertexCount; v++) {
                    if (semi[v] == 0) {
                        parent[v] = r;
                        number(v);
                    }
                }
            }
            computeSemidominators(r);
            return new DominatorTree(dominatorsByNode(r), retainedSizes());
        }

        /** Predecessors along essential edges, grouped by target vertex. */
        private int[] predecessors() {
            for (int edge = 0; edge < graph.edgeCount(); edge++) {
                if (edges.retains(edge)) {
                    firstPredecessor[graph.edgeTarget(edge) + 2]++;
                }
            }
            for (int v = 2; v < firstPredecessor.length; v++) {
                firstPredecessor[v] += firstPredecessor[v - 1];
            }
            int[] sources = new int[firstPredecessor[firstPredecessor.length - 1]];
            int[] filled = firstPredecessor.clone();
            for (int node = 0; node < vertexCount; node++) {
                for (int edge = graph.edgesStart(node); edge < graph.edgesEnd(node); edge++) {
                    if (edges.retains(edge)) {
                        sources[filled[graph.edgeTarget(edge) + 1]++] = node + 1;
                    }
                }
            }
            return sources;
        }

        private int predecessorCount(int v) {
            return firstPredecessor[v + 1] - firstPredecessor[v];
        }

        private void number(int v) {
            semi[v] = ++numbered;
            vertex[numbered] = v;
            label[v] = v;
        }

        /** Numbers the vertices reachable from {@code start} in depth-first order, setting their parents. */
        private void depthFirstNumbering(int start) {
            GrowableIntArray stack = new GrowableIntArray(0);
            number(start);
            edgeCursor[start] = graph.edgesStart(start - 1);
            stack.add(start);
            while (!stack.isEmpty()) {
                int v = stack.removeLast();
                int end = graph.edgesEnd(v - 1);
                while (edgeCursor[v] < end) {
                    int edge = edgeCursor[v]++;
                    int w = graph.edgeTarget(edge) + 1;
                    if (edges.retains(edge) && semi[w] == 0) {
                        parent[w] = v;
                        number(w);
                        edgeCursor[w] = graph.edgesStart(w - 1);
                        stack.add(v);
                        stack.add(w);
                        break;
                    }
                }
            }
        }

        private void computeSemidominators(int r) {
            for (int i = numbered; i >= 2; i--) {
                int w = vertex[i];
                if (predecessorCount(w) == 0) {
                    // Held only weakly: treated as a child of the root.
                    semi[w] = semi[r];
                }
                for (int k = firstPredecessor[w]; k < firstPredecessor[w + 1]; k++) {
                    int u = evaluate(predecessors[k]);
                    if (semi[u] < semi[w]) {
                        semi[w] = semi[u];
                    }
                }
                int semidominator = vertex[semi[w]];
                bucketNext[w] = bucketHead[semidominator];
                bucketHead[semidominator] = w;
                ancestor[w] = parent[w];
                int p = parent[w];
                for (int v = bucketHead[p]; v != 0; v = bucketNext[v]) {
                    int u = evaluate(v);
                    dom[v] = semi[u] < semi[v] ? u : p;
                }
                bucketHead[p] = 0;
            }
            dom[r] = r;
            for (int i = 2; i <= numbered; i++) {
                int w = vertex[i];
                if (dom[w] != vertex[semi[w]]) {
                    dom[w] = dom[dom[w]];
                }
            }
        }

        /** The vertex with the least semidominator on the compressed path above {@code v}. */
        private int evaluate(int v) {
            if (ancestor[v] == 0) {
                return v;
            }
            compress(v);
            return label[v];
        }

        private void compress(int v) {
            // The path only walks up the forest of linked vertices, so it is never longer than the vertex count.
            int length = 0;
            for (int x = v; ancestor[ancestor[x]] != 0; x = ancestor[x]) {
                compressionPath[length++] = x;
            }
            while (length > 0) {
                int x = compressionPath[--length];
                int a = ancestor[x];
                if (semi[label[a]] < semi[label[x]]) {
                    label[x] = label[a];
                }
                ancestor[x] = ancestor[a];
            }
        }

        private int[] dominatorsByNode(int r) {
            int[] byNode = new int[vertexCount];
            for (int v = 1; v <= vertexCount; v++) {
                byNode[v - 1] = dom[v] - 1;
            }
            return byNode;
        }

        private long[] retainedSizes() {
            long[] retained = graph.selfSizes().clone();
            // Children come after their dominators in depth-first order: add them up from the end.
            for (int i = numbered; i >= 2; i--) {
                int node = vertex[i] - 1;
                retained[dom[vertex[i]] - 1] += retained[node];
            }
            return retained;
        }
    }
}
