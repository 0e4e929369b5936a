package dev.leakgate.snapshot;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * What a later snapshot of the same process is compared with: the objects of an earlier one, sorted
 * by object id, each with its constructor and self size, and for a sample of them a fingerprint of
 * type and name. About 17 bytes an object, so a series keeps its baseline this way rather than as a
 * second graph.
 *
 * <p>V8 gives every object an id for the life of the process, shared by all snapshots taken through
 * one inspector session or from within the process. Objects of a later snapshot are matched with
 * these by id: see {@link Comparison} and {@link #requireSameProcess}.
 */
public final class ObjectIds {

    /** A process's own later snapshot: no object the earlier one had turns up changed. */
    private static final double MAX_CHANGED_SHARE = 0.01;
    private static final int MIN_CHANGED = 10;

    private final String sourceName;
    private final int[] ids;
    private final int[] classKeys;
    private final long[] selfSizes;
    /** The sampled ids in {@link #sortable} form, sorted. */
    private final int[] sampledIds;
    private final int[] sampledFingerprints;
    private final BitSet counted;
    private final String[] classNames;
    private final List<String[]> plainObjectLists;
    private final int maxObjectId;

    private ObjectIds(String sourceName, int[] ids, int[] classKeys, long[] selfSizes, int[] sampledIds,
                      int[] sampledFingerprints, BitSet counted, String[] classNames, List<String[]> plainObjectLists,
                      int maxObjectId) {
        this.sourceName = sourceName;
        this.ids = ids;
        this.classKeys = classKeys;
        this.selfSizes = selfSizes;
        this.sampledIds = sampledIds;
        this.sampledFingerprints = sampledFingerprints;
        this.counted = counted;
        this.classNames = classNames;
        this.plainObjectLists = plainObjectLists;
        this.maxObjectId = maxObjectId;
    }

    public static ObjectIds of(HeapSummary snapshot) {
        int count = snapshot.nodeCount();
        long[] byId = new long[count];
        for (int node = 0; node < count; node++) {
            byId[node] = (long) sortable(snapshot.objectId(node)) << 32 | node;
        }
        Arrays.sort(byId);
        ClassNames classes = snapshot.classes();
        PlainObjectShapes shapes = snapshot.plainObjectShapes();
        int[] ids = new int[count];
        int[] classKeys = new int[count];
        long[] selfSizes = new long[count];
        GrowableIntArray sampledIds = new GrowableIntArray(0);
        GrowableIntArray sampledFingerprints = new GrowableIntArray(0);
        BitSet counted = new BitSet(count);
        for (int position = 0; position < count; position++) {
            int node = (int) byId[position];
            ids[position] = snapshot.objectId(node);
            int list = shapes.listOf(node);
            // Plain objects are named by the other snapshot's shapes when compared, as DevTools does.
            classKeys[position] = list == PlainObjectShapes.NOT_PLAIN ? classes.classOf(node) : ~list;
            selfSizes[position] = snapshot.selfSize(node);
            if (Fingerprints.covers(ids[position])) {
                sampledIds.add(sortable(ids[position]));
                sampledFingerprints.add(snapshot.fingerprint(node));
            }
            counted.set(position, snapshot.isCounted(node));
        }
        String[] classNames = new String[classes.classCount()];
        for (int c = 0; c < classNames.length; c++) {
            classNames[c] = classes.name(c);
        }
        return new ObjectIds(snapshot.sourceName(), ids, classKeys, selfSizes, sampledIds.toArray(),
                sampledFingerprints.toArray(), counted, classNames, shapes.sortedLists(), snapshot.maxObjectId());
    }

    public String sourceName() {
        return sourceName;
    }

    /**
     * Refuses a snapshot of another process. In a later snapshot of the same process every object
     * the earlier one already had (a JavaScript id up to its highest) is either gone or still there
     * with the same type and name; another process numbers its objects in another order, so many
     * ids turn up missing or on another object. One percent of them (at least 10) is taken as proof.
     * A fixed sample of the ids is checked (see {@link Fingerprints}), which is plenty and cheap.
     *
     * <p>Two runs of the same program snapshotted at the very same point may number their objects
     * alike; their heaps then match object for object and pass.
     */
    public void requireSameProcess(HeapSummary later) throws DifferentProcessesException {
        int checked = 0;
        int changed = 0;
        for (int node = 0; node < later.nodeCount(); node++) {
            int id = later.objectId(node);
            if (!Fingerprints.covers(id) || allocatedAfter(id, maxObjectId)) {
                continue;
            }
            checked++;
            int sample = Arrays.binarySearch(sampledIds, sortable(id));
            if (sample < 0 || sampledFingerprints[sample] != later.fingerprint(node)) {
                changed++;
            }
        }
        if (changed >= MIN_CHANGED && changed > checked * MAX_CHANGED_SHARE) {
            throw new DifferentProcessesException(later.sourceName() + " is not a later snapshot of the process "
                    + sourceName + " was taken from: " + changed + " of the " + checked + " objects both should "
                    + "share are missing or are other objects. Compare snapshots of one process, taken without "
                    + "restarting it or reconnecting the inspector in between.");
        }
    }

    int size() {
        return ids.length;
    }

    /** The position of an object id, or a negative number when there is no such object. */
    int positionOf(int id) {
        if (allocatedAfter(id, maxObjectId)) {
            return -1; // a JavaScript object allocated since: most of a later snapshot's new objects
        }
        int low = 0;
        int high = ids.length - 1;
        int key = sortable(id);
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int value = sortable(ids[middle]);
            if (value < key) {
                low = middle + 1;
            } else if (value > key) {
                high = middle - 1;
            } else {
                return middle;
            }
        }
        return -1;
    }

    boolean isCounted(int position) {
        return counted.get(position);
    }

    long selfSize(int position) {
        return selfSizes[position];
    }

    /**
     * The constructor of each class key under another snapshot's plain-object shapes: {@code
     * classNamesUnder(definitions)[classKey(position)]}.
     */
    String[] classNamesUnder(ShapeDefinitions definitions) {
        String[] names = Arrays.copyOf(classNames, classNames.length + plainObjectLists.size());
        for (int list = 0; list < plainObjectLists.size(); list++) {
            names[classNames.length + list] = definitions.bestMatch(plainObjectLists.get(list));
        }
        return names;
    }

    /** An index into {@link #classNamesUnder}. */
    int classKey(int position) {
        int key = classKeys[position];
        return key >= 0 ? key : classNames.length + ~key;
    }

    /**
     * Whether the object with this id was allocated after a snapshot of the same process whose highest
     * object id was {@code maxObjectId}. V8 numbers JavaScript objects (odd ids) in the order they are
     * allocated; native objects (even ids) may be numbered from their addresses and say nothing about age.
     */
    public static boolean allocatedAfter(int id, int maxObjectId) {
        return (id & 1) == 1 && Integer.compareUnsigned(id, maxObjectId) > 0;
    }

    /** Ids are unsigned; flipping the sign bit makes signed order the unsigned order. */
    static int sortable(int id) {
        return id ^ Integer.MIN_VALUE;
    }
}
