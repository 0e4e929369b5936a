package dev.leakgate.analysis;

/**
 * A finding with the objects behind it in the snapshot it was found in, for telling which cause keeps it.
 *
 * @param objects          the grown objects: the instances the rounds left ({@link Shape#COUNT}), the collection's
 *                         new elements and entries ({@link Shape#COLLECTION}), the one instance that grew
 *                         ({@link Shape#BYTES}); node ordinals, oldest first where ids tell
 * @param collection       the collection's node, or -1
 * @param retainedByGrowth bytes the growth keeps alive: what it costs, and what findings are ranked by
 */
record Growth(Finding finding, int[] objects, int collection, long retainedByGrowth) {

    /** The node that stands for the finding: the collection, else its newest grown object. */
    int representative() {
        return collection >= 0 ? collection : objects[objects.length - 1];
    }

    Growth with(Finding changed) {
        return new Growth(changed, objects, collection, retainedByGrowth);
    }
}
