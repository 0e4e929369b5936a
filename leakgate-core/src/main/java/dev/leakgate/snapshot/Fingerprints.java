package dev.leakgate.snapshot;

import java.util.Arrays;

/**
 * Type and name of a sample of a snapshot's JavaScript objects, one number each: what telling two
 * processes apart needs (see {@link ObjectIds#requireSameProcess}) once a summary has dropped its
 * names. The sample is chosen by object id, so that two snapshots sample the same objects: one
 * JavaScript id in {@value #SAMPLE}.
 */
final class Fingerprints {

    static final int SAMPLE = 8;

    private final int[] nodes;
    private final int[] fingerprints;

    private Fingerprints(int[] nodes, int[] fingerprints) {
        this.nodes = nodes;
        this.fingerprints = fingerprints;
    }

    /** Whether objects with this id are in the sample: JavaScript ids (odd), one in {@value #SAMPLE}. */
    static boolean covers(int id) {
        return (id & 1) == 1 && (id >>> 1) % SAMPLE == 0;
    }

    static int of(HeapGraph graph, int node) {
        return 31 * graph.nodeType(node) + graph.stringHash(graph.nameIndex(node));
    }

    static Fingerprints of(HeapGraph graph) {
        GrowableIntArray nodes = new GrowableIntArray(0);
        GrowableIntArray fingerprints = new GrowableIntArray(0);
        for (int node = 0; node < graph.nodeCount(); node++) {
            if (covers(graph.id(node))) {
                nodes.add(node);
                fingerprints.add(of(graph, node));
            }
        }
        return new Fingerprints(nodes.toArray(), fingerprints.toArray());
    }

    /** The fingerprint of a node in the sample. */
    int of(int node) {
        int k = Arrays.binarySearch(nodes, node);
        if (k < 0) {
            throw new IllegalArgumentException("node " + node + " is not in the sample");
        }
        return fingerprints[k];
    }
}
