package dev.leakgate.snapshot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The DevTools Comparison view between two snapshots of one process: per constructor, the objects
 * that are new in the later snapshot and those deleted since the earlier one, with their sizes.
 *
 * <p>Follows DevTools' {@code calculateSnapshotDiff}: for each constructor, the ids of its objects in
 * the two snapshots are matched; an object counts as new or deleted when the other snapshot has no
 * object of that constructor with its id (so an object whose constructor name changed, e.g. a plain
 * object that gained a property, is deleted under the old name and new under the other). Only the
 * objects the Summary view lists take part; the earlier snapshot's plain objects are named with the
 * later snapshot's shapes, as DevTools does. Constructors with no new and no deleted object have no
 * row.
 *
 * @param baseline the earlier snapshot's source name
 * @param target   the later snapshot's source name
 * @param rows     the biggest growth in bytes first
 */
public record Comparison(String baseline, String target, List<ComparisonRow> rows) {

    private static final Comparator<ComparisonRow> BIGGEST_GROWTH_FIRST = Comparator
            .comparingLong(ComparisonRow::sizeDelta).reversed()
            .thenComparing(Comparator.comparingInt(ComparisonRow::countDelta).reversed())
            .thenComparing(ComparisonRow::constructor);

    public Comparison {
        rows = List.copyOf(rows);
    }

    public static Comparison between(ObjectIds baseline, HeapSummary target) {
        ClassNames targetClasses = target.classes();
        String[] baselineNames = baseline.classNamesUnder(targetClasses.definitions());
        Map<String, Tally> tallies = new HashMap<>();
        Tally[] tallyOfTargetClass = new Tally[targetClasses.classCount()];
        int[] targetClassOfBaselineKey = new int[baselineNames.length];
        for (int key = 0; key < baselineNames.length; key++) {
            targetClassOfBaselineKey[key] = targetClasses.indexOf(baselineNames[key]);
        }
        boolean[] matched = new boolean[baseline.size()];
        for (int node = 0; node < target.nodeCount(); node++) {
            if (!target.isCounted(node)) {
                continue;
            }
            int targetClass = targetClasses.classOf(node);
            int position = baseline.positionOf(target.objectId(node));
            if (position >= 0 && !matched[position] && baseline.isCounted(position)
                    && targetClassOfBaselineKey[baseline.classKey(position)] == targetClass) {
                matched[position] = true;
                continue;
            }
            if (tallyOfTargetClass[targetClass] == null) {
                tallyOfTargetClass[targetClass] = tallies.computeIfAbsent(targetClasses.name(targetClass),
                        name -> new Tally());
            }
            tallyOfTargetClass[targetClass].added(target.selfSize(node));
        }
        for (int position = 0; position < matched.length; position++) {
            if (!matched[position] && baseline.isCounted(position)) {
                tallies.computeIfAbsent(baselineNames[baseline.classKey(position)], name -> new Tally())
                        .deleted(baseline.selfSize(position));
            }
        }
        List<ComparisonRow> rows = new ArrayList<>(tallies.size());
        tallies.forEach((constructor, tally) -> rows.add(tally.row(constructor)));
        rows.sort(BIGGEST_GROWTH_FIRST);
        return new Comparison(baseline.sourceName(), target.sourceName(), rows);
    }

    /** The row of a constructor, if it has one. */
    public Optional<ComparisonRow> row(String constructor) {
        return rows.stream().filter(row -> row.constructor().equals(constructor)).findFirst();
    }

    /** Counts of one constructor while the snapshots are matched. */
    private static final class Tally {

        private int newCount;
        private int deletedCount;
        private long allocatedSize;
        private long freedSize;

        void added(long selfSize) {
            newCount++;
            allocatedSize += selfSize;
        }

        void deleted(long selfSize) {
            deletedCount++;
            freedSize += selfSize;
        }

        ComparisonRow row(String constructor) {
            return new ComparisonRow(constructor, newCount, deletedCount, newCount - deletedCount, allocatedSize,
                    freedSize, allocatedSize - freedSize);
        }
    }
}
