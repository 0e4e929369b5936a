package dev.leakgate.analysis;

import dev.leakgate.snapshot.ConstructorTotal;
import dev.leakgate.snapshot.HeapSummary;

import java.util.HashMap;
import java.util.Map;

/**
 * What the series analysis keeps of one snapshot once it is parsed: totals per constructor, the highest
 * object id, and the references held by every object that could be a growing collection. Intermediate
 * snapshots are reduced to this at once, so a run holds only one full graph (the final snapshot) in memory
 * however many rounds it has.
 */
public record Census(String label, int nodeCount, long totalSize, int maxObjectId,
                     Map<String, ConstructorTotal> constructors, Map<Integer, CollectionSize> collections) {

    /**
     * Objects holding fewer references are not followed as collections. Low enough that a collection growing by
     * one entry per 100 requests is followed from a short warm-up on; an app has a few hundred objects above it.
     */
    static final int MIN_COLLECTION_REFERENCES = 8;

    public Census {
        constructors = Map.copyOf(constructors);
        collections = Map.copyOf(collections);
    }

    /** Reduces a snapshot read in either mode (collections are told by their owned reference counts). */
    public static Census of(String label, HeapSummary snapshot) {
        Map<String, ConstructorTotal> byName = new HashMap<>();
        for (ConstructorTotal total : snapshot.constructors()) {
            byName.put(total.name(), total);
        }
        return new Census(label, snapshot.nodeCount(), snapshot.totalSelfSize(), snapshot.maxObjectId(), byName,
                collections(snapshot));
    }

    private static Map<Integer, CollectionSize> collections(HeapSummary snapshot) {
        Map<Integer, CollectionSize> collections = new HashMap<>();
        for (int node = 0; node < snapshot.nodeCount(); node++) {
            // Only JavaScript objects: arrays, Maps, Sets and objects used as dictionaries are all of this type.
            if (!snapshot.nodeType(node).equals("object")) {
                continue;
            }
            int references = snapshot.ownedReferenceCount(node);
            if (references >= MIN_COLLECTION_REFERENCES) {
                int id = snapshot.objectId(node);
                collections.put(id, new CollectionSize(id, snapshot.constructorOf(node), references));
            }
        }
        return collections;
    }

    public int count(String constructor) {
        ConstructorTotal total = constructors.get(constructor);
        return total == null ? 0 : total.count();
    }

    public long selfSize(String constructor) {
        ConstructorTotal total = constructors.get(constructor);
        return total == null ? 0 : total.selfSize();
    }

    /** The object with this id as this snapshot saw it, or null if it was absent or too small to follow. */
    public CollectionSize collection(int objectId) {
        return collections.get(objectId);
    }
}
