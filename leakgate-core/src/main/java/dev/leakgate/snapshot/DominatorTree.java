package dev.leakgate.snapshot;

import java.util.Arrays;
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
 * number. Only references from higher-numbered vertices are stored per vertex; of those from lower
 * numbers (the depth-first parent among them) only the lowest matters, and most objects have no
 * other reference at all. Arrays are reused once their contents are done with.
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
            int[] lowestPredecessor = new int[numbered + 1];
            int[] predecessors = higherPredecessors(firstPredecessor, lowestPredecessor);
            // From here on everything is indexed by depth-first number: the numbers' memory holds the semidominators.
            int[] semi = number;
            number = null;
            return immediateDominators(firstPredecessor, predecessors, lowestPredecessor, semi);
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
         * The retaining references of each vertex from vertices numbered higher, as depth-first numbers
         * grouped by vertex: {@code predecessors[firstPredecessor[v] .. firstPredecessor[v + 1] - 1]}. A
         * lower-numbered predecessor is its own semidominator candidate, so only the lowest of them is
         * kept, in {@code lowestPredecessor[v]}: the list stays shorter, and so does the work on it.
         */
        private int[] higherPredecessors(int[] firstPredecessor, int[] lowestPredecessor) {
            Arrays.fill(lowestPredecessor, Integer.MAX_VALUE);
            for (int node = 0; node < vertexCount; node++) {
                int source = number[node];
                for (int edge = graph.edgesStart(node); edge < graph.edgesEnd(node); edge++) {
                    if (!edges.retains(edge)) {
                        continue;
                    }
                    int target = number[graph.edgeTarget(edge)];
                    if (source > target) {
                        firstPredecessor[target + 1]++;
                    } else if (source < lowestPredecessor[target]) {
                        lowestPredecessor[target] = source;
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
                    if (source > target && edges.retains(edge)) {
                        predecessors[firstPredecessor[target]++] = source;
                    }
                }
            }
            System.arraycopy(firstPredecessor, 0, firstPredecessor, 1, firstPredecessor.length - 1);
            firstPredecessor[0] = 0;
            return predecessors;
        }

        /**
         * Semidominators by Lengauer and Tarjan, then each immediate dominator as the nearest common ancestor.
         * No array is allocated here, where memory peaks: each one reuses one whose contents are done with.
         */
        private int[] immediateDominators(int[] firstPredecessor, int[] predecessors, int[] lowestPredecessor,
                                          int[] semi) {
            int[] label = lowestPredecessor;
            for (int v = 1; v <= numbered; v++) {
                // The depth-first parent is one of the predecessors numbered lower.
                semi[v] = Math.min(parent[v], lowestPredecessor[v]);
                label[v] = v;
            }
            // Vertices are linked to the forest in falling order, so those above w are the linked ones. Vertex x's
            // forest ancestor is kept at firstPredecessor[x + 1], which w no longer reads once x > w.
            int[] ancestor = firstPredecessor;
            GrowableIntArray path = new GrowableIntArray(0);
            for (int w = numbered; w >= 2; w--) {
                for (int k = firstPredecessor[w]; k < firstPredecessor[w + 1]; k++) {
                    int candidate = semi[evaluate(predecessors[k], w, ancestor, label, semi, path)];
                    if (candidate < semi[w]) {
                        semi[w] = candidate;
                    }
                }
                ancestor[w + 1] = parent[w];
            }
            int[] idom = label;
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

        /**
         * The vertex with the least semidominator on the forest path above {@code v}, a linked vertex (numbered
         * above {@code w}), compressing the path; {@code ancestor} is shifted by one, as kept above.
         */
        private static int evaluate(int v, int w, int[] ancestor, int[] label, int[] semi, GrowableIntArray path) {
            for (int x = v; ancestor[x + 1] > w; x = ancestor[x + 1]) {
                path.add(x);
            }
            while (!path.isEmpty()) {
                int x = path.removeLast();
                int a = ancestor[x + 1];
                if (semi[label[a]] < semi[label[x]]) {
                    label[x] = label[a];
                }
                ancestor[x + 1] = ancestor[a + 1];
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
