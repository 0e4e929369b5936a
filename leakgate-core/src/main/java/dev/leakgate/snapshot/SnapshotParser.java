package dev.leakgate.snapshot;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams a {@code .heapsnapshot} JSON document into flat columns without building a tree, in one
 * pass over the input; the big arrays of a file may be read alongside that pass, on threads of their
 * own (see {@link ArrayReading}). The header ({@code snapshot}) must come before {@code nodes} and
 * {@code edges}, as V8 writes it; names ({@code strings}) come last and are resolved afterwards.
 *
 * <p>The flat integer arrays, nearly all of a snapshot's bytes, are read by {@link JsonInput}
 * straight into the columns, checking each number as it arrives; jackson-core reads everything
 * else (the header, the strings with their escapes, sections we skip).
 */
final class SnapshotParser {

    /** Nodes or edges read per call into the flat-array reader. */
    private static final int RECORDS_PER_CHUNK = 1024;

    private final JsonFactory json = JsonFactory.builder()
            // Strings in a snapshot can be long (source code, big string values).
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();

    /** Reads a document whose big arrays {@code arrays} reads: see {@link ArrayReading}. */
    ParsedSnapshot parse(InputStream in, String source, ReadMode<?> mode, ArrayReading arrays) throws IOException {
        JsonInput input = new JsonInput(in);
        try {
            return new Document(input, source, mode, arrays).read();
        } catch (IOException e) {
            throw arrays.firstFailure(refusal(e, input, source));
        } catch (RuntimeException | Error e) {
            arrays.firstFailure(null);
            throw e;
        }
    }

    /** What the integer reader's complaint means for the document: cut off, or not a snapshot. */
    static IOException refusal(IOException e, JsonInput input, String source) {
        if (e instanceof JsonInput.EndOfInputException end) {
            return truncated(source, end.offset(), e);
        }
        if (e instanceof JsonInput.NotAnIntegerException notAnInteger) {
            if (input.reachedEnd()) {
                return truncated(source, notAnInteger.offset(), e);
            }
            return SnapshotMeta.notASnapshot(source, "byte " + notAnInteger.offset() + " holds "
                    + notAnInteger.getMessage() + " where only integers belong");
        }
        return e;
    }

    private static SnapshotFormatException truncated(String source, long offset, Exception cause) {
        return new SnapshotFormatException(source + " is truncated: the JSON ends after " + offset
                + " bytes, in the middle of the snapshot", cause);
    }

    /** A value read by jackson-core. */
    @FunctionalInterface
    private interface JacksonValue<T> {
        T read(JsonParser parser) throws IOException;
    }

    /** The state of reading one document. */
    private final class Document {

        private final JsonInput input;
        private final String source;
        private final ReadMode<?> mode;
        /** A summary's edges need its nodes as they stream by: it reads everything in order. */
        private final ArrayReading arrays;
        private SnapshotMeta meta;
        private int expectedNodes;
        private int expectedEdges;
        private int rootIndex;
        private NodeColumns nodeColumns;
        private ArrayReading.Pending nodesRead;
        private NodeColumns nodes;
        private byte[] nodeTypes;
        private int[] firstEdges;
        private EdgeReader edges;
        private ArrayReading.Pending edgesRead;
        private int[] locations = new int[0];
        private AllocationTraces.Builder traces;
        private StringTable strings;

        Document(JsonInput input, String source, ReadMode<?> mode, ArrayReading arrays) {
            this.input = input;
            this.source = source;
            this.mode = mode;
            this.arrays = mode == ReadMode.GRAPH ? arrays : ArrayReading.INLINE;
        }

        ParsedSnapshot read() throws IOException {
            int first = input.peek();
            if (first < 0) {
                throw new SnapshotFormatException(source + " is empty");
            }
            if (first != '{') {
                JsonToken token = withJackson(JsonParser::currentToken);
                throw SnapshotMeta.notASnapshot(source, "it does not start with a JSON object but with " + token);
            }
            input.next();
            int next = input.next();
            while (next == '"') {
                String key = input.readKey();
                expect(':');
                switch (key) {
                    case "snapshot" -> readHeader();
                    case "nodes" -> readNodes();
                    case "edges" -> edges = readEdges();
                    case "locations" -> readLocations();
                    case "trace_function_infos" -> readTraceFunctions();
                    case "trace_tree" -> readTraceTree();
                    case "strings" -> strings = withJackson(this::readStrings);
                    default -> skipValue();
                }
                next = input.next();
                if (next == ',') {
                    next = input.next();
                }
            }
            if (next < 0) {
                throw new JsonInput.EndOfInputException(input.offset());
            }
            if (next != '}') {
                throw new SnapshotFormatException(source + " is not valid JSON at byte " + (input.offset() - 1)
                        + ": expected a key or the end of the object");
            }
            return finish();
        }

        private void skipValue() throws IOException {
            int first = input.peek();
            if (first == '-' || first >= '0' && first <= '9') {
                // Jackson wants white space after a number at the top level, and here a comma follows.
                input.skipNumber();
            } else {
                withJackson(JsonParser::skipChildren);
            }
        }

        private void expect(char expected) throws IOException {
            int b = input.next();
            if (b < 0) {
                throw new JsonInput.EndOfInputException(input.offset());
            }
            if (b != expected) {
                throw new SnapshotFormatException(source + " is not valid JSON at byte " + (input.offset() - 1)
                        + ": expected '" + expected + "'");
            }
        }

        /** Reads one value with jackson-core, starting at the next token, and gives back what it read ahead. */
        private <T> T withJackson(JacksonValue<T> value) throws IOException {
            long start = input.offset();
            try (JsonParser parser = json.createParser(input.remaining())) {
                parser.nextToken();
                T result = value.read(parser);
                // Jackson reads a string's text only when asked: finish it, or it would be read again.
                parser.finishToken();
                ByteArrayOutputStream readAhead = new ByteArrayOutputStream();
                parser.releaseBuffered(readAhead);
                input.unread(readAhead.toByteArray());
                return result;
            } catch (StreamReadException e) {
                long offset = start + Math.max(0, e.getLocation().getByteOffset());
                if (e instanceof JsonEOFException || input.reachedEnd()) {
                    throw truncated(source, offset, e);
                }
                throw new SnapshotFormatException(source + " is not valid JSON at byte " + offset + ": "
                        + e.getOriginalMessage(), e);
            }
        }

        private void readHeader() throws IOException {
            Object value = withJackson(this::readValue);
            if (!(value instanceof Map<?, ?> header) || !(header.get("meta") instanceof Map<?, ?> metaObject)) {
                throw SnapshotMeta.notASnapshot(source, "\"snapshot\" has no \"meta\" object");
            }
            meta = SnapshotMeta.from(metaObject, source);
            expectedNodes = count(header.get("node_count"));
            expectedEdges = count(header.get("edge_count"));
            rootIndex = count(header.get("root_index"));
        }

        private void readNodes() throws IOException {
            requireHeaderBefore("nodes");
            if (nodeColumns != null) {
                throw SnapshotMeta.notASnapshot(source, "it has \"nodes\" twice");
            }
            expectArrayStart("nodes");
            nodeColumns = new NodeColumns(meta, expectedNodes, source, keepsTraces());
            nodesRead = arrays.read(input, RECORDS_PER_CHUNK * meta.nodeFieldCount(), nodeColumns::accept);
            if (mode == ReadMode.SUMMARY) {
                awaitNodes();
            }
        }

        /** Takes the nodes once all are read. */
        private void awaitNodes() throws IOException {
            if (nodes != null) {
                return;
            }
            nodesRead.await();
            NodeColumns columns = nodeColumns;
            columns.requireEdgeCountInRange();
            if (columns.count() == 0) {
                throw SnapshotMeta.notASnapshot(source, "it has no nodes");
            }
            if (rootIndex % meta.nodeFieldCount() != 0 || rootIndex / meta.nodeFieldCount() >= columns.count()) {
                throw SnapshotMeta.notASnapshot(source, "the root_index points at no node");
            }
            nodes = columns;
            nodeTypes = columns.types.toArray();
            firstEdges = columns.firstEdges();
        }

        private EdgeReader readEdges() throws IOException {
            requireHeaderBefore("edges");
            if (nodeColumns == null) {
                throw SnapshotMeta.notASnapshot(source, "\"edges\" comes before \"nodes\"");
            }
            if (edges != null) {
                throw SnapshotMeta.notASnapshot(source, "it has \"edges\" twice");
            }
            expectArrayStart("edges");
            EdgeReader columns = mode == ReadMode.GRAPH
                    ? new EdgeColumns(meta, expectedEdges, source)
                    : new SummaryEdges(meta, nodeTypes, firstEdges, rootIndex / meta.nodeFieldCount(), source);
            edgesRead = arrays.read(input, RECORDS_PER_CHUNK * meta.edgeFieldCount(), columns::accept);
            return columns;
        }

        private void readLocations() throws IOException {
            expectArrayStart("locations");
            GrowableIntArray values = new GrowableIntArray(0);
            ArrayReading.readAll(input, RECORDS_PER_CHUNK, (chunk, count) -> {
                if (mode == ReadMode.GRAPH) {
                    for (int i = 0; i < count; i++) {
                        values.add((int) Math.min(Integer.MAX_VALUE, chunk[i]));
                    }
                }
            });
            locations = values.toArray();
        }

        /** Allocation stacks are kept for a graph only, and only when the meta says how to read them. */
        private boolean keepsTraces() {
            return mode == ReadMode.GRAPH && meta != null && meta.traces().isPresent();
        }

        private AllocationTraces.Builder traces() {
            if (traces == null) {
                traces = new AllocationTraces.Builder(meta.traces());
            }
            return traces;
        }

        private void readTraceFunctions() throws IOException {
            if (!keepsTraces()) {
                skipValue();
                return;
            }
            expectArrayStart("trace_function_infos");
            AllocationTraces.Builder functions = traces();
            ArrayReading.readAll(input, RECORDS_PER_CHUNK, (chunk, count) -> {
                for (int i = 0; i < count; i++) {
                    functions.functionValue(chunk[i]);
                }
            });
        }

        /** The call tree, nested as V8 writes it: each node's fields, its children as an array among them. */
        private void readTraceTree() throws IOException {
            if (!keepsTraces()) {
                skipValue();
                return;
            }
            AllocationTraces.Builder tree = traces();
            SnapshotMeta.TraceLayout layout = meta.traces();
            withJackson(parser -> {
                if (parser.currentToken() != JsonToken.START_ARRAY) {
                    throw SnapshotMeta.notASnapshot(source, "\"trace_tree\" is not an array");
                }
                // The node that the nodes of each open array hang off: -1 for the outermost, which holds the root.
                GrowableIntArray parents = new GrowableIntArray(64);
                parents.add(-1);
                long[] fields = new long[layout.nodeFieldCount()];
                int field = 0;
                while (!parents.isEmpty()) {
                    JsonToken token = parser.nextToken();
                    if (token == null) {
                        throw new JsonInput.EndOfInputException(input.offset());
                    }
                    if (token == JsonToken.END_ARRAY && field == 0) {
                        parents.removeLast();
                    } else if (field == layout.nodeChildren() && token == JsonToken.START_ARRAY) {
                        parents.add(tree.node(fields, parents.get(parents.size() - 1)));
                        field = 0;
                    } else if (field < layout.nodeChildren() && token == JsonToken.VALUE_NUMBER_INT) {
                        fields[field++] = parser.getLongValue();
                    } else {
                        throw SnapshotMeta.notASnapshot(source, "\"trace_tree\" holds a " + token
                                + " where field " + field + " of a node belongs");
                    }
                }
                return null;
            });
        }

        private StringTable readStrings(JsonParser parser) throws IOException {
            if (parser.currentToken() != JsonToken.START_ARRAY) {
                throw SnapshotMeta.notASnapshot(source, "\"strings\" is not an array");
            }
            StringTable.Builder values = new StringTable.Builder();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (parser.currentToken() != JsonToken.VALUE_STRING) {
                    throw SnapshotMeta.notASnapshot(source, "\"strings\" holds a " + parser.currentToken());
                }
                if (!values.add(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength())) {
                    throw SnapshotMeta.notASnapshot(source, "its strings add up to more than leakgate can hold (2 GB)");
                }
            }
            return values.build();
        }

        private ParsedSnapshot finish() throws IOException {
            if (nodeColumns != null) {
                awaitNodes();
            }
            if (edges != null) {
                edgesRead.await();
            }
            if (meta == null || nodes == null || edges == null || strings == null) {
                String missing = meta == null ? "snapshot"
                        : nodes == null ? "nodes"
                        : edges == null ? "edges"
                        : "strings";
                throw SnapshotMeta.notASnapshot(source, "it has no \"" + missing + "\"");
            }
            int nodeCount = nodes.count();
            if (firstEdges[nodeCount] != edges.count()) {
                throw SnapshotMeta.notASnapshot(source, "the nodes' edge counts add up to " + firstEdges[nodeCount]
                        + " but \"edges\" holds " + edges.count() + " edges");
            }
            nodes.requireNamesBelow(strings.size());
            edges.requireNamesBelow(strings.size());
            edges.requireTargetsBelow(nodeCount);
            int root = rootIndex / meta.nodeFieldCount();
            int[] names = nodes.names.toArray();
            if (edges instanceof SummaryEdges summary) {
                long[] sizes = summary.ownedSizes(nodes.selfSizes.toArray());
                HeapGraph graph = HeapGraph.withoutEdges(meta, root, nodeTypes, names, nodes.ids.toArray(), sizes,
                        strings);
                PlainObjectShapes shapes = summary.plainObjectShapes(names,
                        strings.indexOf(PlainObjectShapes.PLAIN_OBJECT), strings);
                return new ParsedSnapshot(graph, shapes, SourceLocations.none(), edges.count(),
                        summary.ownedReferenceCounts(), NodeTraces.NONE);
            }
            EdgeColumns columns = (EdgeColumns) edges;
            HeapGraph graph = new HeapGraph(meta, root, nodeTypes, names, nodes.ids.toArray(),
                    nodes.selfSizes.toArray(), firstEdges, columns.names(), columns.typesAndTargets(), strings);
            OwnedSizes.moveToOwners(graph);
            return new ParsedSnapshot(graph, PlainObjectShapes.of(graph),
                    SourceLocations.from(locations, meta, nodeCount, source), edges.count(), null,
                    nodeTraces(nodeCount));
        }

        private NodeTraces nodeTraces(int nodeCount) throws SnapshotFormatException {
            int[] traceIds = nodes.traceIds();
            AllocationTraces tree = traces == null ? AllocationTraces.NONE : traces.build(source);
            if (traceIds == null || tree.isEmpty()) {
                return NodeTraces.NONE;
            }
            tree.requireNamesBelow(strings.size(), source);
            if (traceIds.length != nodeCount) {
                throw SnapshotMeta.notASnapshot(source, "the nodes' traces do not match the nodes");
            }
            return new NodeTraces(traceIds, tree);
        }

        private void requireHeaderBefore(String section) throws SnapshotFormatException {
            if (meta == null) {
                throw SnapshotMeta.notASnapshot(source, "\"" + section + "\" comes before the \"snapshot\" header");
            }
        }

        private void expectArrayStart(String section) throws IOException {
            if (input.peek() != '[') {
                throw SnapshotMeta.notASnapshot(source, "\"" + section + "\" is not an array");
            }
            input.next();
            input.startIntegers();
        }

        /** Reads a small JSON value (the header) into maps, lists, strings and numbers. */
        private Object readValue(JsonParser parser) throws IOException {
            switch (parser.currentToken()) {
                case START_OBJECT -> {
                    Map<String, Object> object = new LinkedHashMap<>();
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String key = parser.currentName();
                        parser.nextToken();
                        object.put(key, readValue(parser));
                    }
                    return object;
                }
                case START_ARRAY -> {
                    List<Object> array = new ArrayList<>();
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        array.add(readValue(parser));
                    }
                    return array;
                }
                case VALUE_STRING -> {
                    return parser.getText();
                }
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                    return parser.getNumberValue();
                }
                default -> {
                    return null;
                }
            }
        }

        private static int count(Object value) {
            long count = value instanceof Number number ? number.longValue() : 0;
            return (int) Math.min(Integer.MAX_VALUE, Math.max(0, count));
        }
    }

    /** The node fields we keep, one column per field, each value checked as it arrives. */
    private static final class NodeColumns {

        private final SnapshotMeta meta;
        private final String source;
        private final int typeCount;
        private final GrowableByteArray types;
        private final GrowableIntArray names;
        private final GrowableIntArray ids;
        private final GrowableLongArray selfSizes;
        private final GrowableIntArray firstEdges;
        /** Kept for a graph whose nodes carry the trace field, from the first node that has a trace on. */
        private final boolean keepsTraces;
        private GrowableIntArray traceIds;
        private long edgesSoFar;
        private int largestName = -1;
        private int nodeWithLargestName;

        NodeColumns(SnapshotMeta meta, int expected, String source, boolean keepsTraces) {
            this.meta = meta;
            this.source = source;
            this.keepsTraces = keepsTraces && meta.nodeTraceField() >= 0;
            this.typeCount = meta.nodeTypes().size();
            types = new GrowableByteArray(expected);
            names = new GrowableIntArray(expected);
            ids = new GrowableIntArray(expected);
            selfSizes = new GrowableLongArray(expected);
            firstEdges = new GrowableIntArray(expected + 1);
        }

        /** Takes whole nodes: the reader fills a chunk up to its length, a multiple of the field count, or the end. */
        void accept(long[] values, int count) throws SnapshotFormatException {
            int fieldCount = meta.nodeFieldCount();
            if (count % fieldCount != 0) {
                throw problem("\"nodes\" does not hold whole nodes of " + fieldCount + " numbers");
            }
            int typeField = meta.nodeTypeField();
            int nameField = meta.nodeNameField();
            int idField = meta.nodeIdField();
            int selfSizeField = meta.nodeSelfSizeField();
            int edgeCountField = meta.nodeEdgeCountField();
            for (int start = 0; start < count; start += fieldCount) {
                long type = values[start + typeField];
                long name = values[start + nameField];
                long id = values[start + idField];
                if (type >= typeCount) {
                    throw problem("node " + ids.size() + " has an unknown type " + type);
                }
                if (ids.size() == HeapGraph.MAX_NODES) {
                    throw problem("it has more nodes than leakgate can hold (" + HeapGraph.MAX_NODES + ")");
                }
                // Ids are unsigned 32-bit numbers; only native objects get ids of 2^31 and above.
                if (id > 0xffff_ffffL) {
                    throw problem("node " + ids.size() + " has an id out of range (" + id + ")");
                }
                if (name > largestName) {
                    largestName = (int) Math.min(Integer.MAX_VALUE, name);
                    nodeWithLargestName = ids.size();
                }
                types.add((byte) type);
                names.add((int) name);
                ids.add((int) id);
                selfSizes.add(values[start + selfSizeField]);
                if (keepsTraces) {
                    addTrace(values[start + meta.nodeTraceField()]);
                }
                firstEdges.add((int) Math.min(Integer.MAX_VALUE, edgesSoFar));
                edgesSoFar += values[start + edgeCountField];
            }
        }

        /**
         * Without tracking every node's trace is 0 (Node 20 writes the field anyway): the column is made only
         * when a node has one, so that snapshots without traces cost nothing more.
         */
        private void addTrace(long trace) {
            if (traceIds == null && trace != 0) {
                traceIds = new GrowableIntArray(ids.size() + 1);
                for (int node = 0; node < ids.size() - 1; node++) {
                    traceIds.add(0);
                }
            }
            if (traceIds != null) {
                traceIds.add((int) Math.min(Integer.MAX_VALUE, Math.max(0, trace)));
            }
        }

        /** Each node's trace node id, or null when no node has one. */
        int[] traceIds() {
            return traceIds == null ? null : traceIds.toArray();
        }

        void requireEdgeCountInRange() throws SnapshotFormatException {
            if (edgesSoFar > Integer.MAX_VALUE) {
                throw problem("the nodes have more edges (" + edgesSoFar + ") than leakgate can hold");
            }
        }

        void requireNamesBelow(int stringCount) throws SnapshotFormatException {
            if (largestName >= stringCount) {
                throw problem("node " + nodeWithLargestName + " names string " + largestName + " but there are "
                        + stringCount + " strings");
            }
        }

        int count() {
            return ids.size();
        }

        /**
         * Where each node's edges start, plus one entry for the end of the last node's edges; taken once, after
         * the last node. With the node count the header promised, that is the column itself, not a copy.
         */
        int[] firstEdges() {
            firstEdges.add((int) edgesSoFar);
            return firstEdges.toArray();
        }

        private SnapshotFormatException problem(String detail) {
            return SnapshotMeta.notASnapshot(source, detail);
        }
    }
}
