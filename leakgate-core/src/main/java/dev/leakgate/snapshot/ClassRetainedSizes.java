package dev.leakgate.snapshot;

import java.util.BitSet;

/**
 * The retained size of each constructor, as the DevTools Summary view computes it: the sum of the
 * retained sizes of its objects that no other object of the same constructor dominates, so that a
 * linked list of {@code Node}s counts the head's retained size once instead of adding up every
 * suffix. Objects DevTools does not list for their constructor (self size 0, not native) are not
 * counted, as there.
 */
final class ClassRetainedSizes {

    private ClassRetainedSizes() {}

    /** Per class index, walking the dominator tree from the root with the classes of the current chain. */
    static long[] of(DominatorTree tree, ClassNames classes, BitSet counted, int root) {
        int nodeCount = tree.nodeCount();
        int[] firstChild = new int[nodeCount + 1];
        for (int node = 0; node < nodeCount; node++) {
            if (node != root) {
                firstChild[tree.dominatorOf(node) + 1]++;
            }
        }
        for (int node = 0; node < nodeCount; node++) {
            firstChild[node + 1] += firstChild[node];
        }
        int[] children = new int[firstChild[nodeCount]];
        int[] filled = firstChild.clone();
        for (int node = 0; node < nodeCount; node++) {
            if (node != root) {
                children[filled[tree.dominatorOf(node)]++] = node;
            }
        }
        long[] retained = new long[classes.classCount()];
        int[] openOfClass = new int[classes.classCount()];
        GrowableIntArray stack = new GrowableIntArray(0);
        stack.add(root);
        while (!stack.isEmpty()) {
            int entry = stack.removeLast();
            if (entry < 0) {
                // Leaving a counted node's subtree: its class may count again further on.
                openOfClass[classes.classOf(~entry)]--;
                continue;
            }
            int classIndex = classes.classOf(entry);
            if (counted.get(entry)) {
                if (openOfClass[classIndex] == 0) {
                    retained[classIndex] += tree.retainedSize(entry);
                }
                openOfClass[classIndex]++;
                stack.add(~entry);
            }
            for (int k = firstChild[entry]; k < firstChild[entry + 1]; k++) {
                stack.add(children[k]);
            }
        }
        return retained;
    }
}
