package dev.leakgate.analysis;

import dev.leakgate.snapshot.HeapSnapshot;
import dev.leakgate.snapshot.ObjectIds;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which measured round allocated the objects still alive at the end. V8 hands out JavaScript object ids in
 * increasing order and numbers new objects when a snapshot sees them first, so an object whose id lies
 * between the highest ids of snapshots r-1 and r was allocated in round r.
 *
 * <p>A true leak leaves survivors from every round, in about equal numbers. A cache that filled up once, or
 * one flushed whenever it reaches a size, leaves survivors from one round only, however its size at the
 * snapshots happens to move.
 */
final class RoundSurvivors {

    /** Each round must have left at least this fraction of the growth a finding needs per round. */
    static final double MIN_SHARE_OF_THRESHOLD = 0.25;

    private RoundSurvivors() {
    }

    /** Per round 1..R, how many of the nodes were allocated in it (native objects, whose ids say nothing, left out). */
    static List<Long> perRound(HeapSnapshot last, int[] nodes, List<Census> series) {
        long[] counts = new long[series.size() - 1];
        for (int node : nodes) {
            int id = last.objectId(node);
            for (int round = 1; round < series.size(); round++) {
                if (ObjectIds.allocatedAfter(id, series.get(round - 1).maxObjectId())
                        && !ObjectIds.allocatedAfter(id, series.get(round).maxObjectId())) {
                    counts[round - 1]++;
                    break;
                }
            }
        }
        List<Long> perRound = new ArrayList<>(counts.length);
        for (long count : counts) {
            perRound.add(count);
        }
        return perRound;
    }

    /** The nodes allocated in the rounds, each once, oldest first: a collection's new elements and entries. */
    static int[] allocatedInTheRounds(HeapSnapshot last, int[] nodes, List<Census> series) {
        int baselineMaxId = series.get(0).maxObjectId();
        return Arrays.stream(nodes)
                .filter(node -> ObjectIds.allocatedAfter(last.objectId(node), baselineMaxId))
                .distinct()
                .boxed()
                .sorted((a, b) -> Integer.compareUnsigned(last.objectId(a), last.objectId(b)))
                .mapToInt(Integer::intValue)
                .toArray();
    }

    /** True when every round left at least a share of the per-round minimum, and at least one object. */
    static boolean everyRoundLeftSome(List<Long> survivors, double minimumPerRound) {
        double needed = Math.max(1, MIN_SHARE_OF_THRESHOLD * minimumPerRound);
        return survivors.stream().allMatch(count -> count >= needed);
    }
}
