package dev.leakgate.analysis;

import dev.leakgate.snapshot.ConstructorTotal;
import dev.leakgate.snapshot.HeapSnapshot;

import java.util.HashMap;
import java.util.Map;

/**
 * What the series analysis keeps of one snapshot once it is parsed: totals per constructor and the
 * highest object id. Intermediate snapshots are reduced to this at once, so a run holds only one
 * full graph (the final snapshot) in memory however many rounds it has.
 */
public record Census(String label, int nodeCount, long totalSize, int maxObjectId,
                     Map<String, ConstructorTotal> constructors) {

    public Census {
        constructors = Map.copyOf(constructors);
    }

    public static Census of(String label, HeapSnapshot snapshot) {
        Map<String, ConstructorTotal> byName = new HashMap<>();
        for (ConstructorTotal total : snapshot.constructors()) {
            byName.put(total.name(), total);
        }
        return new Census(label, snapshot.nodeCount(), snapshot.totalSelfSize(), snapshot.maxObjectId(), byName);
    }

    public int count(String constructor) {
        ConstructorTotal total = constructors.get(constructor);
        return total == null ? 0 : total.count();
    }

    public long selfSize(String constructor) {
        ConstructorTotal total = constructors.get(constructor);
        return total == null ? 0 : total.selfSize();
    }
}
