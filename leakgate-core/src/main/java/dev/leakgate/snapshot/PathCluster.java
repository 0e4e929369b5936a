package dev.leakgate.snapshot;

/**
 * Objects whose shortest retainer paths read alike (see {@link HeapSnapshot#retainerPathClusters}).
 *
 * @param members the objects asked about that take this path, the first one whose way in is the most common among
 *                them: it stands for all
 */
public record PathCluster(int[] members) {

    public int representative() {
        return members[0];
    }

    public int count() {
        return members.length;
    }
}
