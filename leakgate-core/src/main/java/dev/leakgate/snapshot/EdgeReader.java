package dev.leakgate.snapshot;

/**
 * Takes a snapshot's {@code edges} as they are read, whole edges at a time, checking each number as
 * it arrives: {@link EdgeColumns} keeps them all, {@link SummaryEdges} only what a summary needs.
 */
abstract class EdgeReader {

    private final SnapshotMeta meta;
    private final String source;
    private final int typeCount;
    private final long toNodeLimit;
    private final int elementType;
    private final int hiddenType;
    private int count;
    private int largestName = -1;
    private int edgeWithLargestName;
    private int largestTarget = -1;
    private int edgeWithLargestTarget;

    /**
     * @param nodeCount the nodes an edge may point at, checked as each edge arrives; a reader that runs
     *                  before the nodes are counted passes {@link Integer#MAX_VALUE} and calls
     *                  {@link #requireTargetsBelow} once they are
     */
    EdgeReader(SnapshotMeta meta, int nodeCount, String source) {
        this.meta = meta;
        this.source = source;
        this.typeCount = meta.edgeTypes().size();
        this.toNodeLimit = (long) nodeCount * meta.nodeFieldCount();
        this.elementType = meta.edgeType("element");
        this.hiddenType = meta.edgeType("hidden");
    }

    /** One edge, checked; {@code edge} is its number, {@code target} a node ordinal. */
    abstract void edge(int edge, int type, int name, int target);

    /** Takes whole edges: the reader fills a chunk up to its length, a multiple of the field count, or the end. */
    final void accept(long[] values, int valueCount) throws SnapshotFormatException {
        int fieldCount = meta.edgeFieldCount();
        if (valueCount % fieldCount != 0) {
            throw problem("\"edges\" does not hold whole edges of " + fieldCount + " numbers");
        }
        int typeField = meta.edgeTypeField();
        int nameField = meta.edgeNameField();
        int toNodeField = meta.edgeToNodeField();
        int nodeFieldCount = meta.nodeFieldCount();
        for (int start = 0; start < valueCount; start += fieldCount) {
            long type = values[start + typeField];
            long name = Math.min(Integer.MAX_VALUE, values[start + nameField]);
            long toNode = values[start + toNodeField];
            if (type >= typeCount) {
                throw problem("edge " + count + " has an unknown type " + type);
            }
            if (toNode >= toNodeLimit || toNode % nodeFieldCount != 0) {
                throw problem("edge " + count + " points at no node");
            }
            // Elements and hidden edges carry an index; all other edges name a string, checked at the end.
            if (type != elementType && type != hiddenType && name > largestName) {
                largestName = (int) name;
                edgeWithLargestName = count;
            }
            int target = (int) (toNode / nodeFieldCount);
            if (target > largestTarget) {
                largestTarget = target;
                edgeWithLargestTarget = count;
            }
            edge(count++, (int) type, (int) name, target);
        }
    }

    final int count() {
        return count;
    }

    final void requireNamesBelow(int stringCount) throws SnapshotFormatException {
        if (largestName >= stringCount) {
            throw problem("edge " + edgeWithLargestName + " names string " + largestName + " but there are "
                    + stringCount + " strings");
        }
    }

    final void requireTargetsBelow(int nodeCount) throws SnapshotFormatException {
        if (largestTarget >= nodeCount) {
            throw problem("edge " + edgeWithLargestTarget + " points at no node");
        }
    }

    final SnapshotMeta meta() {
        return meta;
    }

    private SnapshotFormatException problem(String detail) {
        return SnapshotMeta.notASnapshot(source, detail);
    }
}
