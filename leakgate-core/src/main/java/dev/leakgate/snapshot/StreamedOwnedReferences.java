package dev.leakgate.snapshot;

import java.util.Arrays;

/**
 * The counts of {@link OwnedReferences}, worked out while a summary's edges stream by, so that a
 * {@link ReadMode#SUMMARY} snapshot can tell its collections apart without storing its edges.
 *
 * <p>Who owns an internal is final only after the last edge ({@link SummaryEdges} walks the edges
 * between internals then), so each edge is counted at once where its fate is already sealed, and
 * kept for the end only where it is not:
 * <ul>
 *   <li>an object's edge to an internal it reaches first (or again) counts only if the object ends up
 *       not owning it;</li>
 *   <li>a store's edge is counted for the object that owns the store when its edges arrive, and
 *       dropped in the end if another object reaches the store too; a store no object reached yet
 *       keeps its edges to non-internals for the end (rare: owners mostly come first);</li>
 *   <li>edges between two internals are kept by {@link SummaryEdges} anyway.</li>
 * </ul>
 * A store's reference counts only if its owner does not refer to the same object directly, so the
 * targets of every object that reaches an internal first are kept, sorted, to look that up.
 */
final class StreamedOwnedReferences {

    private final byte[] nodeTypes;
    private final int arrayType;
    private final int hiddenType;
    private final int weakEdge;
    /** {@link SummaryEdges}' owners: provisional while edges arrive, final when {@link #counts} is called. */
    private final int[] owners;
    private final int[] counts;

    private final GrowableIntArray nodeTargets = new GrowableIntArray(0);
    private boolean nodeReachesInternalFirst;
    private int storeReferences;

    /** Objects that reached an internal first, in node order, and where their sorted targets start. */
    private final GrowableIntArray claimers = new GrowableIntArray(0);
    private final GrowableIntArray claimerTargetStarts = new GrowableIntArray(0);
    private final GrowableIntArray claimerTargets = new GrowableIntArray(0);
    /** The last claimer looked up: a store's edges all ask about the same one. */
    private int lookedUpClaimer = -1;
    private int lookedUpStart;
    private int lookedUpEnd;

    private final GrowableIntArray undecidedSources = new GrowableIntArray(0);
    private final GrowableIntArray undecidedTargets = new GrowableIntArray(0);
    private final GrowableIntArray stores = new GrowableIntArray(0);
    private final GrowableIntArray storeCounts = new GrowableIntArray(0);
    private final GrowableIntArray unownedStoreSources = new GrowableIntArray(0);
    private final GrowableIntArray unownedStoreTargets = new GrowableIntArray(0);

    StreamedOwnedReferences(SnapshotMeta meta, byte[] nodeTypes, int[] owners) {
        this.nodeTypes = nodeTypes;
        this.arrayType = meta.nodeType("array");
        this.hiddenType = meta.nodeType("hidden");
        this.weakEdge = meta.edgeType("weak");
        this.owners = owners;
        this.counts = new int[nodeTypes.length];
    }

    /** One edge of {@code source}, the node whose edges are arriving; call it before the owners take it in. */
    void edge(int source, int type, int target) {
        nodeTargets.add(target);
        if (type == weakEdge) {
            return;
        }
        if (!isInternal(source)) {
            if (target == source) {
                return;
            }
            int targetOwner = owners[target];
            if (isInternal(target) && (targetOwner == OwnedSizes.UNVISITED || targetOwner == source)) {
                nodeReachesInternalFirst = true;
                undecidedSources.add(source);
                undecidedTargets.add(target);
            } else {
                counts[source]++;
            }
        } else if (!isInternal(target)) {
            int owner = owners[source];
            if (owner == OwnedSizes.UNVISITED) {
                unownedStoreSources.add(source);
                unownedStoreTargets.add(target);
            } else if (owner >= 0 && target != owner && !isDirectTarget(owner, target)) {
                storeReferences++;
            }
        }
    }

    /** Closes the node whose edges just ended (called for every node, in order). */
    void finishNode(int node) {
        if (nodeReachesInternalFirst) {
            int[] targets = nodeTargets.toArray();
            Arrays.sort(targets);
            claimers.add(node);
            claimerTargetStarts.add(claimerTargets.size());
            for (int target : targets) {
                claimerTargets.add(target);
            }
        }
        if (storeReferences > 0) {
            stores.add(node);
            storeCounts.add(storeReferences);
        }
        nodeTargets.clear();
        nodeReachesInternalFirst = false;
        storeReferences = 0;
    }

    /**
     * The count per node, once the owners are final; {@code innerSources} and {@code innerTargets} are
     * the strong edges between two internals, in the order they arrived.
     */
    int[] counts(GrowableIntArray innerSources, GrowableIntArray innerTargets) {
        for (int k = 0; k < undecidedSources.size(); k++) {
            int source = undecidedSources.get(k);
            if (owners[undecidedTargets.get(k)] != source) {
                counts[source]++;
            }
        }
        // A store's owner when its edges arrived still owns it unless another object reached it since.
        for (int k = 0; k < stores.size(); k++) {
            int owner = owners[stores.get(k)];
            if (owner >= 0) {
                counts[owner] += storeCounts.get(k);
            }
        }
        for (int k = 0; k < unownedStoreSources.size(); k++) {
            int owner = owners[unownedStoreSources.get(k)];
            int target = unownedStoreTargets.get(k);
            if (owner >= 0 && target != owner && !isDirectTarget(owner, target)) {
                counts[owner]++;
            }
        }
        for (int k = 0; k < innerSources.size(); k++) {
            int owner = owners[innerSources.get(k)];
            int target = innerTargets.get(k);
            if (owner >= 0 && owners[target] != owner && !isDirectTarget(owner, target)) {
                counts[owner]++;
            }
        }
        return counts;
    }

    /** Whether the object, which owns a store and so reached an internal first, refers to the target itself. */
    private boolean isDirectTarget(int owner, int target) {
        if (owner != lookedUpClaimer) {
            int claimer = claimers.binarySearch(0, claimers.size(), owner);
            lookedUpClaimer = owner;
            lookedUpStart = claimerTargetStarts.get(claimer);
            lookedUpEnd = claimer + 1 < claimers.size() ? claimerTargetStarts.get(claimer + 1) : claimerTargets.size();
        }
        return claimerTargets.binarySearch(lookedUpStart, lookedUpEnd, target) >= 0;
    }

    private boolean isInternal(int node) {
        return nodeTypes[node] == arrayType || nodeTypes[node] == hiddenType;
    }
}
