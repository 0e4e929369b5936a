package dev.leakgate.snapshot;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams a {@code .heapsnapshot} JSON document into flat columns, one number at a time, without
 * building a tree. The header ({@code snapshot}) must come before {@code nodes} and {@code edges},
 * as V8 writes it; names ({@code strings}) come last and are resolved afterwards.
 */
final class SnapshotParser {

    private final JsonFactory json = JsonFactory.builder()
            // Strings in a snapshot can be long (source code, big string values).
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build();

    ParsedSnapshot parse(InputStream in, String source, ReadMode mode) throws IOException {
        EndAwareInputStream input = new EndAwareInputStream(in);
        try (JsonParser parser = json.createParser(input)) {
            return new Document(parser, source, mode).read();
        } catch (InputCoercionException e) {
            throw SnapshotMeta.notASnapshot(source, "a number is out of range (" + e.getOriginalMessage() + ")");
        } catch (StreamReadException e) {
            if (e instanceof JsonEOFException || input.reachedEnd()) {
                throw new SnapshotFormatException(source + " is truncated: the JSON ends after "
                        + e.getLocation().getByteOffset() + " bytes, in the middle of the snapshot", e);
            }
            throw new SnapshotFormatException(source + " is not valid JSON at byte "
                    + e.getLocation().getByteOffset() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** The state of reading one document. */
    private static final class Document {

        private final JsonParser parser;
        private final String source;
        private final ReadMode mode;
        private SnapshotMeta meta;
        private int expectedNodes;
        private int expectedEdges;
        private int rootIndex;
        private NodeColumns nodes;
        private EdgeColumns edges;
        private int[] locations = new int[0];
        private String[] strings;

        Document(JsonParser parser, String source, ReadMode mode) {
            this.parser = parser;
            this.source = source;
            this.mode = mode;
        }

        ParsedSnapshot read() throws IOException {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new SnapshotFormatException(source + " is empty");
            }
            if (first != JsonToken.START_OBJECT) {
                throw SnapshotMeta.notASnapshot(source, "it does not start with a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                parser.nextToken();
                switch (key) {
                    case "snapshot" -> readHeader();
                    case "nodes" -> nodes = readNodes();
                    case "edges" -> edges = readEdges();
                    case "locations" -> readLocations();
                    case "strings" -> strings = readStrings();
                    default -> parser.skipChildren();
                }
            }
            return finish();
        }

        private void readHeader() throws IOException {
            if (!(readValue() instanceof Map<?, ?> header) || !(header.get("meta") instanceof Map<?, ?> metaObject)) {
                throw SnapshotMeta.notASnapshot(source, "\"snapshot\" has no \"meta\" object");
            }
            meta = SnapshotMeta.from(metaObject, source);
            expectedNodes = count(header.get("node_count"));
            expectedEdges = count(header.get("edge_count"));
            rootIndex = count(header.get("root_index"));
        }

        private NodeColumns readNodes() throws IOException {
            requireHeaderBefore("nodes");
            NodeColumns columns = new NodeColumns(meta, expectedNodes);
            int field = 0;
            expectArrayStart("nodes");
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                expectInteger("nodes");
                columns.accept(field, parser);
                field = field + 1 == meta.nodeFieldCount() ? 0 : field + 1;
            }
            if (field != 0) {
                throw SnapshotMeta.notASnapshot(source, "\"nodes\" does not hold whole nodes of "
                        + meta.nodeFieldCount() + " numbers");
            }
            return columns;
        }

        private EdgeColumns readEdges() throws IOException {
            requireHeaderBefore("edges");
            EdgeColumns columns = new EdgeColumns(meta, expectedEdges);
            int field = 0;
            expectArrayStart("edges");
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                expectInteger("edges");
                columns.accept(field, parser);
                field = field + 1 == meta.edgeFieldCount() ? 0 : field + 1;
            }
            if (field != 0) {
                throw SnapshotMeta.notASnapshot(source, "\"edges\" does not hold whole edges of "
                        + meta.edgeFieldCount() + " numbers");
            }
            return columns;
        }

        private void readLocations() throws IOException {
            if (mode == ReadMode.SUMMARY) {
                parser.skipChildren();
                return;
            }
            expectArrayStart("locations");
            GrowableIntArray values = new GrowableIntArray(0);
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                expectInteger("locations");
                values.add(parser.getIntValue());
            }
            locations = values.toArray();
        }

        private String[] readStrings() throws IOException {
            expectArrayStart("strings");
            List<String> values = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (parser.currentToken() != JsonToken.VALUE_STRING) {
                    throw SnapshotMeta.notASnapshot(source, "\"strings\" holds a " + parser.currentToken());
                }
                values.add(parser.getText());
            }
            return values.toArray(String[]::new);
        }

        private ParsedSnapshot finish() throws SnapshotFormatException {
            if (meta == null || nodes == null || edges == null || strings == null) {
                String missing = meta == null ? "snapshot"
                        : nodes == null ? "nodes"
                        : edges == null ? "edges"
                        : "strings";
                throw SnapshotMeta.notASnapshot(source, "it has no \"" + missing + "\"");
            }
            int nodeCount = nodes.ids.size();
            if (nodeCount == 0) {
                throw SnapshotMeta.notASnapshot(source, "it has no nodes");
            }
            HeapGraph graph = new HeapGraph(meta, rootIndex / meta.nodeFieldCount(), nodes.types.toArray(),
                    nodes.names.toArray(), nodes.ids.toArray(), nodes.selfSizes.toArray(), nodes.firstEdges(),
                    edges.types.toArray(), edges.names.toArray(), edges.targets.toArray(), strings);
            new GraphValidator(graph, source).validate();
            SourceLocations sourceLocations = mode == ReadMode.GRAPH
                    ? SourceLocations.from(locations, meta, nodeCount, source)
                    : SourceLocations.none();
            return new ParsedSnapshot(graph, sourceLocations);
        }

        private void requireHeaderBefore(String section) throws SnapshotFormatException {
            if (meta == null) {
                throw SnapshotMeta.notASnapshot(source, "\"" + section + "\" comes before the \"snapshot\" header");
            }
        }

        private void expectArrayStart(String section) throws SnapshotFormatException {
            if (parser.currentToken() != JsonToken.START_ARRAY) {
                throw SnapshotMeta.notASnapshot(source, "\"" + section + "\" is not an array");
            }
        }

        private void expectInteger(String section) throws SnapshotFormatException {
            if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                throw SnapshotMeta.notASnapshot(source, "\"" + section + "\" holds a " + parser.currentToken()
                        + " where only integers belong");
            }
        }

        /** Reads a small JSON value (the header) into maps, lists, strings and numbers. */
        private Object readValue() throws IOException {
            switch (parser.currentToken()) {
                case START_OBJECT -> {
                    Map<String, Object> object = new LinkedHashMap<>();
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String key = parser.currentName();
                        parser.nextToken();
                        object.put(key, readValue());
                    }
                    return object;
                }
                case START_ARRAY -> {
                    List<Object> array = new ArrayList<>();
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        array.add(readValue());
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

    /** The node fields we keep, one column per field. */
    private static final class NodeColumns {

        private final SnapshotMeta meta;
        private final GrowableByteArray types;
        private final GrowableIntArray names;
        private final GrowableIntArray ids;
        private final GrowableLongArray selfSizes;
        private final GrowableIntArray edgeCounts;

        NodeColumns(SnapshotMeta meta, int expected) {
            this.meta = meta;
            types = new GrowableByteArray(expected);
            names = new GrowableIntArray(expected);
            ids = new GrowableIntArray(expected);
            selfSizes = new GrowableLongArray(expected);
            edgeCounts = new GrowableIntArray(expected);
        }

        void accept(int field, JsonParser parser) throws IOException {
            if (field == meta.nodeTypeField()) {
                types.add((byte) parser.getIntValue());
            } else if (field == meta.nodeNameField()) {
                names.add(parser.getIntValue());
            } else if (field == meta.nodeIdField()) {
                // Ids are unsigned 32-bit numbers; only native objects get ids of 2^31 and above.
                ids.add((int) parser.getLongValue());
            } else if (field == meta.nodeSelfSizeField()) {
                selfSizes.add(parser.getLongValue());
            } else if (field == meta.nodeEdgeCountField()) {
                edgeCounts.add(parser.getIntValue());
            }
        }

        /** Where each node's edges start, plus one entry for the end of the last node's edges. */
        int[] firstEdges() {
            int[] counts = edgeCounts.toArray();
            int[] first = new int[counts.length + 1];
            long next = 0;
            for (int node = 0; node < counts.length; node++) {
                first[node] = (int) Math.min(next, Integer.MAX_VALUE);
                next += counts[node];
            }
            first[counts.length] = (int) Math.min(next, Integer.MAX_VALUE);
            return first;
        }
    }

    /** The edge fields, one column per field; targets become node ordinals. */
    private static final class EdgeColumns {

        private final SnapshotMeta meta;
        private final GrowableByteArray types;
        private final GrowableIntArray names;
        private final GrowableIntArray targets;

        EdgeColumns(SnapshotMeta meta, int expected) {
            this.meta = meta;
            types = new GrowableByteArray(expected);
            names = new GrowableIntArray(expected);
            targets = new GrowableIntArray(expected);
        }

        void accept(int field, JsonParser parser) throws IOException {
            if (field == meta.edgeTypeField()) {
                types.add((byte) parser.getIntValue());
            } else if (field == meta.edgeNameField()) {
                names.add(parser.getIntValue());
            } else if (field == meta.edgeToNodeField()) {
                int nodeIndex = parser.getIntValue();
                // A to_node that is not a multiple of the field count makes this negative: the validator rejects it.
                targets.add(nodeIndex % meta.nodeFieldCount() == 0 ? nodeIndex / meta.nodeFieldCount() : -1);
            }
        }
    }
}
