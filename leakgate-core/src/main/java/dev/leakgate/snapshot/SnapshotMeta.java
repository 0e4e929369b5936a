package dev.leakgate.snapshot;

import java.util.List;
import java.util.Map;

/**
 * The layout of a snapshot's flat arrays, from {@code snapshot.meta}: which position in a node's
 * or edge's group of numbers holds which field, and the names of the node and edge types.
 */
record SnapshotMeta(
        int nodeFieldCount,
        int nodeTypeField,
        int nodeNameField,
        int nodeIdField,
        int nodeSelfSizeField,
        int nodeEdgeCountField,
        List<String> nodeTypes,
        int edgeFieldCount,
        int edgeTypeField,
        int edgeNameField,
        int edgeToNodeField,
        List<String> edgeTypes,
        int locationFieldCount,
        int locationNodeField,
        int locationScriptField,
        int locationLineField,
        int locationColumnField,
        int nodeTraceField,
        TraceLayout traces) {

    /**
     * Where the allocation stacks of a snapshot taken while V8 tracked allocations keep their fields:
     * {@code trace_function_infos} (one group per function) and {@code trace_tree} (nested call tree nodes).
     * {@link #NONE} when the meta does not describe them.
     */
    record TraceLayout(int functionFieldCount, int functionName, int functionScriptName, int functionScriptId,
                       int functionLine, int functionColumn, int nodeFieldCount, int nodeId, int nodeFunction,
                       int nodeChildren) {

        static final TraceLayout NONE = new TraceLayout(0, -1, -1, -1, -1, -1, 0, -1, -1, -1);

        boolean isPresent() {
            return functionName >= 0 && functionScriptName >= 0 && functionScriptId >= 0 && functionLine >= 0
                    && functionColumn >= 0 && nodeId >= 0 && nodeFunction >= 0 && nodeChildren >= 0;
        }

        static TraceLayout from(Map<?, ?> meta) {
            if (!(meta.get("trace_function_info_fields") instanceof List<?> functions)
                    || !(meta.get("trace_node_fields") instanceof List<?> nodes)) {
                return NONE;
            }
            TraceLayout layout = new TraceLayout(functions.size(), functions.indexOf("name"),
                    functions.indexOf("script_name"), functions.indexOf("script_id"), functions.indexOf("line"),
                    functions.indexOf("column"), nodes.size(), nodes.indexOf("id"),
                    nodes.indexOf("function_info_index"), nodes.indexOf("children"));
            // V8 writes a node's children last; the parser relies on it.
            return layout.isPresent() && layout.nodeChildren() == nodes.size() - 1 ? layout : NONE;
        }
    }

    /** Reads the layout from the {@code meta} object, given as plain maps, lists and strings. */
    static SnapshotMeta from(Map<?, ?> meta, String source) throws SnapshotFormatException {
        List<?> nodeFields = list(meta, "node_fields", source);
        List<?> edgeFields = list(meta, "edge_fields", source);
        List<?> locationFields = meta.get("location_fields") instanceof List<?> fields ? fields : List.of();
        int nodeTypeField = required(nodeFields, "type", "node_fields", source);
        int edgeTypeField = required(edgeFields, "type", "edge_fields", source);
        List<String> nodeTypes = typeNames(meta, "node_types", nodeTypeField, source);
        if (nodeTypes.size() > HeapGraph.MAX_NODE_TYPES) {
            throw notASnapshot(source, "snapshot.meta.node_types lists " + nodeTypes.size()
                    + " types where V8 has 15 (leakgate reads up to " + HeapGraph.MAX_NODE_TYPES + ")");
        }
        List<String> edgeTypes = typeNames(meta, "edge_types", edgeTypeField, source);
        if (edgeTypes.size() > HeapGraph.MAX_EDGE_TYPES) {
            throw notASnapshot(source, "snapshot.meta.edge_types lists " + edgeTypes.size()
                    + " types where V8 has 7 (leakgate reads up to " + HeapGraph.MAX_EDGE_TYPES + ")");
        }
        return new SnapshotMeta(
                nodeFields.size(),
                nodeTypeField,
                required(nodeFields, "name", "node_fields", source),
                required(nodeFields, "id", "node_fields", source),
                required(nodeFields, "self_size", "node_fields", source),
                required(nodeFields, "edge_count", "node_fields", source),
                nodeTypes,
                edgeFields.size(),
                edgeTypeField,
                required(edgeFields, "name_or_index", "edge_fields", source),
                required(edgeFields, "to_node", "edge_fields", source),
                edgeTypes,
                locationFields.size(),
                locationFields.indexOf("object_index"),
                locationFields.indexOf("script_id"),
                locationFields.indexOf("line"),
                locationFields.indexOf("column"),
                nodeFields.indexOf("trace_node_id"),
                TraceLayout.from(meta));
    }

    /** The number V8 uses for a node type, or -1 if this snapshot has no such type. */
    int nodeType(String name) {
        return nodeTypes.indexOf(name);
    }

    /** The number V8 uses for an edge type, or -1 if this snapshot has no such type. */
    int edgeType(String name) {
        return edgeTypes.indexOf(name);
    }

    boolean hasLocations() {
        return locationNodeField >= 0 && locationScriptField >= 0 && locationLineField >= 0
                && locationColumnField >= 0;
    }

    private static List<?> list(Map<?, ?> meta, String key, String source) throws SnapshotFormatException {
        if (meta.get(key) instanceof List<?> values) {
            return values;
        }
        throw notASnapshot(source, "snapshot.meta has no " + key);
    }

    private static int required(List<?> fields, String field, String listName, String source)
            throws SnapshotFormatException {
        int position = fields.indexOf(field);
        if (position < 0) {
            throw notASnapshot(source, "snapshot.meta." + listName + " has no \"" + field + "\"");
        }
        return position;
    }

    private static List<String> typeNames(Map<?, ?> meta, String key, int typeField, String source)
            throws SnapshotFormatException {
        List<?> types = list(meta, key, source);
        if (types.size() > typeField && types.get(typeField) instanceof List<?> names
                && names.stream().allMatch(String.class::isInstance)) {
            return names.stream().map(String.class::cast).toList();
        }
        throw notASnapshot(source, "snapshot.meta." + key + " does not list the type names");
    }

    static SnapshotFormatException notASnapshot(String source, String detail) {
        return new SnapshotFormatException(source + " is not a V8 heap snapshot: " + detail);
    }
}
