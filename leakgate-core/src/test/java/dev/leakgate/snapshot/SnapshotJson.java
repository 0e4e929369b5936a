package dev.leakgate.snapshot;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small heap snapshots in V8's JSON format, for graphs whose answers are known by hand.
 * Node 0 is the synthetic root; object ids are {@code 2 * node + 1}, as V8 gives JavaScript objects
 * odd ids.
 */
public final class SnapshotJson {

    private static final List<String> NODE_TYPES = List.of("hidden", "array", "string", "object", "code", "closure",
            "regexp", "number", "native", "synthetic", "concatenated string", "sliced string", "symbol", "bigint",
            "object shape");
    private static final List<String> EDGE_TYPES = List.of("context", "element", "property", "internal", "hidden",
            "shortcut", "weak");
    private static final List<String> NODE_FIELDS = List.of("type", "name", "id", "self_size", "edge_count",
            "trace_node_id", "detachedness");
    private static final List<String> EDGE_FIELDS = List.of("type", "name_or_index", "to_node");

    private final List<String> strings = new ArrayList<>();
    private final Map<String, Integer> stringIndexes = new HashMap<>();
    private final List<long[]> nodes = new ArrayList<>();
    private final List<List<int[]>> edges = new ArrayList<>();
    private boolean fieldsReversed;

    public SnapshotJson() {
        node("synthetic", "", 0);
    }

    public static int id(int node) {
        return 2 * node + 1;
    }

    public int root() {
        return 0;
    }

    /** Adds a node and returns its ordinal. */
    public int node(String type, String name, long selfSize) {
        return node(type, name, selfSize, id(nodes.size()));
    }

    /** Adds a node with an object id of its own, such as the even ids V8 gives native objects. */
    public int node(String type, String name, long selfSize, long objectId) {
        nodes.add(new long[] {NODE_TYPES.indexOf(type), string(name), objectId, selfSize});
        edges.add(new ArrayList<>());
        return nodes.size() - 1;
    }

    /** Adds an edge; elements and hidden edges take their index as the name. */
    public SnapshotJson edge(int from, String type, String name, int to) {
        boolean indexed = type.equals("element") || type.equals("hidden");
        edges.get(from).add(new int[] {EDGE_TYPES.indexOf(type), indexed ? Integer.parseInt(name) : string(name), to});
        return this;
    }

    /** Lists every node and edge field in the opposite order to V8's, to prove the reader follows the meta. */
    SnapshotJson withFieldsReversed() {
        fieldsReversed = true;
        return this;
    }

    public <S extends HeapSummary> S read(ReadMode<S> mode) throws IOException {
        return new HeapSnapshotReader().read(stream(), "test.heapsnapshot", mode);
    }

    SnapshotGraph graph() throws IOException {
        return SnapshotGraph.read(stream(), "test.heapsnapshot");
    }

    InputStream stream() {
        return new ByteArrayInputStream(json().getBytes(StandardCharsets.UTF_8));
    }

    String json() {
        List<String> nodeFields = ordered(NODE_FIELDS);
        List<String> edgeFields = ordered(EDGE_FIELDS);
        StringBuilder json = new StringBuilder("{\"snapshot\":{\"meta\":{\"node_fields\":")
                .append(quoted(nodeFields)).append(",\"node_types\":").append(typesMeta(nodeFields, NODE_TYPES))
                .append(",\"edge_fields\":").append(quoted(edgeFields))
                .append(",\"edge_types\":").append(typesMeta(edgeFields, EDGE_TYPES)).append("},\"node_count\":")
                .append(nodes.size()).append("},\"nodes\":[");
        List<String> values = new ArrayList<>();
        for (int node = 0; node < nodes.size(); node++) {
            long[] n = nodes.get(node);
            Map<String, Long> fields = Map.of("type", n[0], "name", n[1], "id", n[2], "self_size", n[3],
                    "edge_count", (long) edges.get(node).size(), "trace_node_id", 0L, "detachedness", 0L);
            nodeFields.forEach(field -> values.add(Long.toString(fields.get(field))));
        }
        json.append(String.join(",", values)).append("],\"edges\":[");
        values.clear();
        for (List<int[]> nodeEdges : edges) {
            for (int[] e : nodeEdges) {
                Map<String, Integer> fields = Map.of("type", e[0], "name_or_index", e[1],
                        "to_node", e[2] * NODE_FIELDS.size());
                edgeFields.forEach(field -> values.add(Integer.toString(fields.get(field))));
            }
        }
        return json.append(String.join(",", values)).append("],\"strings\":").append(quoted(strings)).append('}')
                .toString();
    }

    private List<String> ordered(List<String> fields) {
        List<String> ordered = new ArrayList<>(fields);
        if (fieldsReversed) {
            Collections.reverse(ordered);
        }
        return ordered;
    }

    /** V8 lists, per field, what its numbers mean: the type names for "type", a plain word for the others. */
    private static String typesMeta(List<String> fields, List<String> typeNames) {
        List<String> meanings = new ArrayList<>();
        for (String field : fields) {
            meanings.add(field.equals("type") ? quoted(typeNames) : "\"number\"");
        }
        return "[" + String.join(",", meanings) + "]";
    }

    private int string(String value) {
        return stringIndexes.computeIfAbsent(value, added -> {
            strings.add(added);
            return strings.size() - 1;
        });
    }

    private static String quoted(List<String> values) {
        List<String> quoted = new ArrayList<>();
        for (String value : values) {
            quoted.add(PropertyNames.jsonString(value));
        }
        return "[" + String.join(",", quoted) + "]";
    }
}
