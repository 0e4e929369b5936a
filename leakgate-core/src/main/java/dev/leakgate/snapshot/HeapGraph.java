package dev.leakgate.snapshot;

/**
 * A snapshot's nodes and edges as flat columns indexed by node ordinal and edge number, with the
 * strings table. Edges of node {@code n} are {@code edgesStart(n) .. edgesEnd(n) - 1}; edge targets
 * are node ordinals (V8's {@code to_node} divided by the node field count).
 *
 * <p>An edge's type and target share one {@code int} ({@link #packedEdge}): V8 has seven edge types,
 * which fit in the top four bits, and the other 28 bits number more nodes than a heap snapshot that
 * fits in memory has. That is a byte less per edge, the biggest column of the biggest snapshot.
 *
 * <p>Arrays are shared, not copied. None is modified once the reader hands the graph on; before that,
 * the reader moves owned sizes into the self-size column (see {@link OwnedSizes#moveToOwners}).
 */
final class HeapGraph {

    /** Node types are kept one byte per node. */
    static final int MAX_NODE_TYPES = Byte.MAX_VALUE + 1;
    /** Edge types fit in the bits above a target. */
    static final int MAX_EDGE_TYPES = 16;
    /** Node ordinals fit in the bits below a type. */
    static final int MAX_NODES = 1 << 28;
    private static final int TYPE_SHIFT = 28;
    private static final String NATIVE_CONTEXT = "system / NativeContext";
    private static final int TARGET_MASK = MAX_NODES - 1;

    private final SnapshotMeta meta;
    private final int root;
    private final byte[] nodeTypes;
    private final int[] nodeNames;
    private final int[] nodeIds;
    private final long[] selfSizes;
    private final int[] firstEdges;
    private final int[] edgeNames;
    private final int[] packedEdges;
    private final StringTable strings;
    private final int elementEdge;
    private final int hiddenEdge;

    HeapGraph(SnapshotMeta meta, int root, byte[] nodeTypes, int[] nodeNames, int[] nodeIds, long[] selfSizes,
            int[] firstEdges, int[] edgeNames, int[] packedEdges, StringTable strings) {
        this.meta = meta;
        this.root = root;
        this.nodeTypes = nodeTypes;
        this.nodeNames = nodeNames;
        this.nodeIds = nodeIds;
        this.selfSizes = selfSizes;
        this.firstEdges = firstEdges;
        this.edgeNames = edgeNames;
        this.packedEdges = packedEdges;
        this.strings = strings;
        this.elementEdge = meta.edgeType("element");
        this.hiddenEdge = meta.edgeType("hidden");
    }

    /** The nodes of a summary, whose edges were used while they were read and not kept: it has no edges to ask for. */
    static HeapGraph withoutEdges(SnapshotMeta meta, int root, byte[] nodeTypes, int[] nodeNames, int[] nodeIds,
                                  long[] selfSizes, StringTable strings) {
        return new HeapGraph(meta, root, nodeTypes, nodeNames, nodeIds, selfSizes, null, new int[0], new int[0],
                strings);
    }

    /** An edge's type and target (below {@link #MAX_EDGE_TYPES} and {@link #MAX_NODES}) as one value. */
    static int packedEdge(int type, int target) {
        return type << TYPE_SHIFT | target;
    }

    SnapshotMeta meta() {
        return meta;
    }

    int root() {
        return root;
    }

    int nodeCount() {
        return nodeIds.length;
    }

    int edgeCount() {
        return packedEdges.length;
    }

    int nodeType(int node) {
        return nodeTypes[node];
    }

    byte[] nodeTypes() {
        return nodeTypes;
    }

    int nameIndex(int node) {
        return nodeNames[node];
    }

    String name(int node) {
        return strings.get(nodeNames[node]);
    }

    int id(int node) {
        return nodeIds[node];
    }

    long selfSize(int node) {
        return selfSizes[node];
    }

    long[] selfSizes() {
        return selfSizes;
    }

    int[] ids() {
        return nodeIds;
    }

    int edgesStart(int node) {
        return firstEdges[node];
    }

    int edgesEnd(int node) {
        return firstEdges[node + 1];
    }

    /** The node an edge comes from: edges are stored grouped by source, so a binary search finds it. */
    int edgeSource(int edge) {
        int low = 0;
        int high = nodeIds.length - 1;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (firstEdges[middle] <= edge) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return low;
    }

    int edgeType(int edge) {
        return packedEdges[edge] >>> TYPE_SHIFT;
    }

    String edgeTypeName(int edge) {
        return meta.edgeTypes().get(edgeType(edge));
    }

    int edgeTarget(int edge) {
        return packedEdges[edge] & TARGET_MASK;
    }

    /** Elements and hidden edges carry an index; all other edges a string index. */
    boolean hasStringName(int edge) {
        int type = edgeType(edge);
        return type != elementEdge && type != hiddenEdge;
    }

    /**
     * Whether the edge is named by a position rather than a name: an element or hidden edge, or an internal one
     * whose name is a number (a Map's table slot, {@code {7451}}).
     */
    boolean isIndexEdge(int edge) {
        return !hasStringName(edge) || strings.isDigits(edgeNames[edge]);
    }

    /** The raw {@code name_or_index}: a string index for named edges, the index itself otherwise. */
    int edgeNameIndex(int edge) {
        return edgeNames[edge];
    }

    /** The edge's name, or its element index as text. */
    String edgeName(int edge) {
        return hasStringName(edge) ? strings.get(edgeNames[edge]) : Integer.toString(edgeNames[edge]);
    }

    String string(int index) {
        return strings.get(index);
    }

    /**
     * Whether the node is a native context (a realm's global state): V8 names them {@code system / NativeContext},
     * Node 26 with a suffix ({@code system / NativeContext / <url>}).
     */
    boolean isNativeContext(int node) {
        return strings.startsWith(nodeNames[node], NATIVE_CONTEXT);
    }

    StringTable strings() {
        return strings;
    }

    String[] strings(int[] indexes) {
        return strings.get(indexes);
    }

    int stringLength(int index) {
        return strings.length(index);
    }

    /** A hash of the string's characters, the same in every snapshot, made without making the string. */
    int stringHash(int index) {
        return strings.hash(index);
    }

    int stringCount() {
        return strings.size();
    }

    /** The index of a string in this snapshot, or -1 when no node or edge can use it; look it up once, not per node. */
    int stringIndex(String value) {
        return strings.indexOf(value);
    }
}
