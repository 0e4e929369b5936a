package dev.leakgate.snapshot;

import java.util.BitSet;

/**
 * Immediate dominators and retained sizes: an object's retained size is what the GC would free if
 * the object were gone, i.e. its self size plus that of every object it dominates.
 *
 * <p>Semidominators as in Lengauer and Tarjan's algorithm ("A fast algorithm for finding
 * dominators in a flowgraph", 1979, simple version with path compression), immediate dominators
 * from them by walking up the depth-first tree (the SNCA variant of Georgiadis, Tarjan and
 * Werneck, "Finding dominators in practice", 2006), which needs no buckets. Iterative throughout:
 * heaps are deeper than a thread stack. Only {@link EssentialEdges} count.
 *
 * <p>As in DevTools, nodes the walk from the root cannot reach hang off the root: first those with
 * no retaining edge at all (held only weakly), each with what they reach, then the rest (cycles
 * held only weakly), each with what it reaches.
 *
 * <p>Memory: the vertices are numbered in depth-first order and every array is indexed by that
 * number. A vertex's reference from its depth-first parent is implied, so only the other retaining
 * references are stored; most objects have no other one.
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

    /** The state of one run; depth-first numbers start at 1 (the root), 0 means "none". */
    private static final class Computation {

        private static final int ROOT = 1;

        private final HeapGraph graph;
        private final EssentialEdges edges;
        private final int vertexCount;
        private int[] number;
        private final int[] vertex;
        private final int[] parent;
        private int numbered;

        Computation(HeapGraph graph, EssentialEdges edges) {
            this.graph = graph;
            this.edges = edges;
            this.vertexCount = graph.nodeCount();
            // One more than the nodes: once numbered, the array is reused for the semidominators.
            number = new int[vertexCount + 1];
            vertex = new int[vertexCount + 1];
            parent = new int[vertexCount + 1];
        }

        DominatorTree run() {
            numberDepthFirst(graph.root(), 0);
            if (numbered < vertexCount) {
                BitSet retained = retainedNodes();
                for (int node = 0; node < vertexCount; node++) {
                    if (number[node] == 0 && !retained.get(node)) {
                        numberDepthFirst(node, ROOT);
                    }
                }
                for (int node = 0; node < vertexCount; node++) {
                    if (number[node] == 0) {
                        numberDepthFirst(node, ROOT);
                    }
                }
            }
            return result(immediateDominators());
        }

        /** Per depth-first number, the immediate dominator's; the predecessors are dropped on return. */
        private int[] immediateDominators() {
            int[] firstPredecessor = new int[vertexCount + 2];
            int[] predecessors = otherPredecessors(firstPredecessor);
            // From here on everything is indexed by depth-first number: the numbers' memory holds the semidominators.
            int[] semi = number;
            number = null;
            return immediateDominators(firstPredecessor, predecessors, semi);
        }

        private BitSet retainedNodes() {
            BitSet retained = new BitSet(vertexCount);
            for (int edge = 0; edge < graph.edgeCount(); edge++) {
                if (edges.retains(edge)) {
                    retained.set(graph.edgeTarget(edge));
                }
            }
            return retained;
        }

        /** Numbers what {@code start} reaches and has no number yet, in depth-first order. */
        private void numberDepthFirst(int start, int startParent) {
            GrowableIntArray stack = new GrowableIntArray(0);
            visit(start, startParent);
            stack.add(start);
            stack.add(graph.edgesStart(start));
            while (!stack.isEmpty()) {
                int edge = stack.removeLast();
                int node = stack.removeLast();
                int end = graph.edgesEnd(node);
                while (edge < end) {
                    int target = graph.edgeTarget(edge);
                    if (edges.retains(edge) && number[target] == 0) {
                        break;
                    }
                    edge++;
                }
                if (edge < end) {
                    int child = graph.edgeTarget(edge);
                    stack.add(node);
                    stack.add(edge + 1);
                    visit(child, number[node]);
                    stack.add(child);
                    stack.add(graph.edgesStart(child));
                }
            }
        }

        private void visit(int node, int parentNumber) {
            number[node] = ++numbered;
            vertex[numbered] = node;
            parent[numbered] = parentNumber;
        }

        /**
         * The retaining references of each vertex other than those from its depth-first parent, as
         * depth-first numbers grouped by vertex: {@code predecessors[firstPredecessor[v] ..
         * firstPredecessor[v + 1] - 1]}.
         */
        private int[] otherPredecessors(int[] firstPredecessor) {
            for (int node = 0; node < vertexCount; node++) {
                int source = number[node];
                for (int edge = graph.edgesStart(node); edge < graph.edgesEnd(node); edge++) {
                    int target = number[graph.edgeTarget(edge)];
                    if (edges.retains(edge) && parent[target] != source) {
                        firstPredecessor[target + 1]++;
                    }
                }
            }
            for (int v = 1; v < firstPredecessor.length; v++) {
                firstPredecessor[v] += firstPredecessor[v - 1];
            }
            int[] predecessors = new int[firstPredecessor[vertexCount + 1]];
            // Filling moves each start to the next vertex's start; shifting back restores them, with no second array.
            for (int node = 0; node < vertexCount; node++) {
                int source = number[node];
                for (int edge = graph.edgesStart(node); edge < graph.edgesEnd(node); edge++) {
                    int target = number[graph.edgeTarget(edge)];
                    if (edges.retains(edge) && parent[target] != source) {
                        predecessors[firstPredecessor[target]++] = source;
                    }
                }
            }
            System.arraycopy(firstPredecessor, 0, firstPredecessor, 1, firstPredecessor.length - 1);
            firstPredecessor[0] = 0;
            return predecessors;
        }

        /** Semidominators by Lengauer and Tarjan, then each immediate dominator as the nearest common ancestor. */
        private int[] immediateDominators(int[] firstPredecessor, int[] predecessors, int[] semi) {
            int[] label = new int[numbered + 1];
            int[] ancestor = new int[numbered + 1];
            GrowableIntArray path = new GrowableIntArray(0);
            for (int v = 1; v <= numbered; v++) {
                label[v] = v;
                // The depth-first parent is a predecessor whose number is lower: it is the first candidate.
                semi[v] = parent[v];
            }
            for (int w = numbered; w >= 2; w--) {
                for (int k = firstPredecessor[w]; k < firstPredecessor[w + 1]; k++) {
                    int v = predecessors[k];
                    int candidate = v < w ? v : semi[evaluate(v, ancestor, label, semi, path)];
                    if (candidate < semi[w]) {
                        semi[w] = candidate;
                    }
                }
                ancestor[w] = parent[w];
            }
            int[] idom = ancestor; // no longer needed as such: reuse its memory
            idom[ROOT] = ROOT;
            for (int w = 2; w <= numbered; w++) {
                int dominator = parent[w];
                while (dominator > semi[w]) {
                    dominator = idom[dominator];
                }
                idom[w] = dominator;
            }
            return idom;
        }

        /** The vertex with the least semidominator on the linked path above {@code v}, compressing the path. */
        private static int evaluate(int v, int[] ancestor, int[] label, int[] semi, GrowableIntArray path) {
            if (ancestor[v] == 0) {
                return v;
            }
            for (int x = v; ancestor[ancestor[x]] != 0; x = ancestor[x]) {
                path.add(x);
            }
            while (!path.isEmpty()) {
                int x = path.removeLast();
                int a = ancestor[x];
                if (semi[label[a]] < semi[label[x]]) {
                    label[x] = label[a];
                }
                ancestor[x] = ancestor[a];
            }
            return label[v];
        }

        private DominatorTree result(int[] idom) {
            int[] dominators = new int[vertexCount];
            long[] retained = graph.selfSizes().clone();
            dominators[vertex[ROOT]] = vertex[ROOT];
            // A dominator's number is lower than the numbers of the vertices it dominates: add up from the end.
            for (int w = numbered; w >= 2; w--) {
                int node = vertex[w];
                int dominator = vertex[idom[w]];
                dominators[node] = dominator;
                retained[dominator] += retained[node];
            }
            return new DominatorTree(dominators, retained);
        }
    }
}
