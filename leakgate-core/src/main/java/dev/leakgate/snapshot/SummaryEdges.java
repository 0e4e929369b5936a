package dev.leakgate.snapshot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link ReadMode#SUMMARY} snapshot needs of the edges, taken as they stream by so that the
 * edges themselves are never stored: who owns each engine-internal node (for {@link OwnedSizes}'
 * self sizes), each object's property names (for {@link PlainObjectShapes}) and the references each
 * object owns (for {@link OwnedReferences}' counts, see {@link StreamedOwnedReferences}).
 *
 * <p>Edges arrive grouped by the node they leave, so each object's property list is complete when
 * the next node's edges begin. Ownership needs a walk, but only over the edges between two
 * internals, usually a small part; every other edge decides its target's owner on the spot. The
 * result is the one {@link OwnedSizes} computes from the whole graph: an internal node is owned by
 * the one non-internal node that reaches it through internals only, else by none.
 */
final class SummaryEdges extends EdgeReader {

    private final byte[] nodeTypes;
    private final int[] firstEdges;
    private final int root;
    private final int objectType;
    private final int arrayType;
    private final int hiddenType;
    private final int syntheticType;
    private final int weakEdge;
    private final int propertyEdge;
    private final int[] owners;
    private final GrowableIntArray innerSources = new GrowableIntArray(0);
    private final GrowableIntArray innerTargets = new GrowableIntArray(0);
    private final int[] listOfNode;
    private final Map<NameIndexes, Integer> listIndexes = new HashMap<>();
    private final List<int[]> lists = new ArrayList<>();
    private final NameIndexes properties = new NameIndexes(new int[16]);
    private final StreamedOwnedReferences ownedReferences;
    private int source;
    private boolean userRoot;
    private boolean ownersFinal;

    SummaryEdges(SnapshotMeta meta, byte[] nodeTypes, int[] firstEdges, int root, String sourceName) {
        super(meta, nodeTypes.length, firstEdges[nodeTypes.length], sourceName);
        this.nodeTypes = nodeTypes;
        this.firstEdges = firstEdges;
        this.root = root;
        this.objectType = meta.nodeType("object");
        this.arrayType = meta.nodeType("array");
        this.hiddenType = meta.nodeType("hidden");
        this.syntheticType = meta.nodeType("synthetic");
        this.weakEdge = meta.edgeType("weak");
        this.propertyEdge = meta.edgeType("property");
        this.owners = new int[nodeTypes.length];
        for (int node = 0; node < owners.length; node++) {
            owners[node] = isInternal(node) ? OwnedSizes.UNVISITED : node;
        }
        this.listOfNode = new int[nodeTypes.length];
        properties.clear();
        this.ownedReferences = new StreamedOwnedReferences(meta, nodeTypes, owners);
    }

    @Override
    void edge(int edge, int type, int name, int target) {
        while (edge >= firstEdges[source + 1]) {
            finishNode();
        }
        if (type == propertyEdge && nodeTypes[source] == objectType) {
            properties.add(name);
        }
        if (source == root && nodeTypes[target] != syntheticType) {
            userRoot = true;
        }
        ownedReferences.edge(source, type, target);
        if (type == weakEdge || !isInternal(target)) {
            return;
        }
        if (isInternal(source)) {
            innerSources.add(source);
            innerTargets.add(target);
        } else {
            owners[target] = OwnedSizes.merge(owners[target], source, target);
        }
    }

    /** Moves the sizes of owned internals to their owners, in place; call once, after the last edge. */
    long[] ownedSizes(long[] selfSizes) {
        finishOwners();
        if (userRoot) {
            OwnedSizes.move(selfSizes, owners, root, nodeTypes, syntheticType);
        }
        return selfSizes;
    }

    /** {@link OwnedReferences#countOf} for every node; call once, after the last edge. */
    int[] ownedReferenceCounts() {
        finishOwners();
        return ownedReferences.counts(innerSources, innerTargets);
    }

    /** The property lists of plain objects: objects named {@code Object}, the string at {@code plainObjectName}. */
    PlainObjectShapes plainObjectShapes(int[] nodeNames, int plainObjectName, StringTable strings) {
        finishNodes();
        int[] renumbered = new int[lists.size()];
        Arrays.fill(renumbered, -1);
        List<String[]> plainLists = new ArrayList<>();
        GrowableIntArray objectsPerList = new GrowableIntArray(0);
        for (int node = 0; node < listOfNode.length; node++) {
            int list = listOfNode[node];
            if (list == PlainObjectShapes.NOT_PLAIN || nodeNames[node] != plainObjectName) {
                listOfNode[node] = PlainObjectShapes.NOT_PLAIN;
                continue;
            }
            if (renumbered[list] < 0) {
                renumbered[list] = plainLists.size();
                plainLists.add(strings.get(lists.get(list)));
                objectsPerList.add(0);
            }
            listOfNode[node] = renumbered[list];
            objectsPerList.set(renumbered[list], objectsPerList.get(renumbered[list]) + 1);
        }
        return PlainObjectShapes.of(listOfNode, plainLists, objectsPerList.toArray());
    }

    private void finishOwners() {
        finishNodes();
        if (!ownersFinal) {
            propagateOwners();
            ownersFinal = true;
        }
    }

    private void finishNodes() {
        while (source < nodeTypes.length) {
            finishNode();
        }
    }

    private void finishNode() {
        if (nodeTypes[source] == objectType) {
            properties.rehash();
            Integer list = listIndexes.get(properties);
            if (list == null) {
                list = lists.size();
                listIndexes.put(properties.copy(), list);
                lists.add(properties.toArray());
            }
            listOfNode[source] = list;
        } else {
            listOfNode[source] = PlainObjectShapes.NOT_PLAIN;
        }
        properties.clear();
        ownedReferences.finishNode(source);
        source++;
    }

    /** Spreads owners along the edges between internals until nothing changes. */
    private void propagateOwners() {
        int[] sources = innerSources.toArray();
        int[] targets = innerTargets.toArray();
        GrowableIntArray work = new GrowableIntArray(0);
        for (int node = 0; node < owners.length; node++) {
            if (isInternal(node) && owners[node] != OwnedSizes.UNVISITED) {
                work.add(node);
            }
        }
        while (!work.isEmpty()) {
            int node = work.removeLast();
            // The pairs are sorted by source, as the edges arrived.
            int first = firstAtLeast(sources, node);
            for (int k = first; k < sources.length && sources[k] == node; k++) {
                int target = targets[k];
                int merged = OwnedSizes.merge(owners[target], owners[node], target);
                if (merged != owners[target]) {
                    owners[target] = merged;
                    work.add(target);
                }
            }
        }
    }

    private boolean isInternal(int node) {
        return nodeTypes[node] == arrayType || nodeTypes[node] == hiddenType;
    }

    private static int firstAtLeast(int[] sorted, int value) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sorted[middle] < value) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
