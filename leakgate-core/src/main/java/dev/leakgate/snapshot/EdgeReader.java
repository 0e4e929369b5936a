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
    private final int edgeLimit;
    private final int nodeFieldCount;
    /** {@code ceil(2^divisionShift / nodeFieldCount)}: see {@link #nodeOrdinal}. */
    private final long reciprocal;
    private final int divisionShift;
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
     * @param edgeCount the edges the nodes' edge counts add up to, checked as each edge arrives; a reader
     *                  that runs before the nodes are counted passes {@link Integer#MAX_VALUE}, and the
     *                  parser compares the totals at the end
     */
    EdgeReader(SnapshotMeta meta, int nodeCount, int edgeCount, String source) {
        this.meta = meta;
        this.source = source;
        this.typeCount = meta.edgeTypes().size();
        this.toNodeLimit = (long) nodeCount * meta.nodeFieldCount();
        this.edgeLimit = edgeCount;
        this.nodeFieldCount = meta.nodeFieldCount();
        this.divisionShift = 31 + 32 - Integer.numberOfLeadingZeros(nodeFieldCount - 1);
        this.reciprocal = ((1L << divisionShift) + nodeFieldCount - 1) / nodeFieldCount;
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
        for (int start = 0; start < valueCount; start += fieldCount) {
            if (count == edgeLimit) {
                throw problem("the nodes' edge counts add up to " + edgeLimit + " but \"edges\" holds more edges");
            }
            long type = values[start + typeField];
            long name = Math.min(Integer.MAX_VALUE, values[start + nameField]);
            long toNode = values[start + toNodeField];
            if (type >= typeCount) {
                throw problem("edge " + count + " has an unknown type " + type);
            }
            int target = nodeOrdinal(toNode);
            if (toNode >= toNodeLimit || (long) target * nodeFieldCount != toNode) {
                throw problem("edge " + count + " points at no node");
            }
            // Elements and hidden edges carry an index; all other edges name a string, checked at the end.
            if (type != elementType && type != hiddenType && name > largestName) {
                largestName = (int) name;
                edgeWithLargestName = count;
            }
            if (target > largestTarget) {
                largestTarget = target;
                edgeWithLargestTarget = count;
            }
            edge(count++, (int) type, (int) name, target);
        }
    }

    /**
     * {@code toNode / nodeFieldCount}, rounded down. A division by a number known only at run time
     * costs more than everything else done with an edge, so below 2^31 (for up to 8 fields, every
     * node of a graph) it is a multiplication by a rounded-up reciprocal, exact for those numbers
     * (Granlund and Montgomery, "Division by invariant integers using multiplication", 1994).
     */
    private int nodeOrdinal(long toNode) {
        if (toNode >>> 31 != 0) {
            return (int) Math.min(Integer.MAX_VALUE, toNode / nodeFieldCount);
        }
        return (int) (toNode * reciprocal >>> divisionShift);
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

    private SnapshotFormatException problem(String detail) {
        return SnapshotMeta.notASnapshot(source, detail);
    }
}
