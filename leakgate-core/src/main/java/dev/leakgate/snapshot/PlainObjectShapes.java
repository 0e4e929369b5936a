package dev.leakgate.snapshot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The property lists of a snapshot's plain objects, from which current DevTools names them in the
 * Summary view: object literals such as {@code {user: 'a', score: 1}} are listed as
 * {@code {user, score}} instead of one big {@code Object} row.
 *
 * <p>Each distinct list of property names (in property order) is kept once, and each plain object
 * knows its list; objects of one hidden class share one. So shapes are inferred and matched per
 * list rather than per object, and the lists of one snapshot can be named with the definitions
 * of another, which is what the DevTools Comparison view does with the baseline.
 *
 * <p>Follows DevTools' {@code inferInterfaceDefinitions} (see {@link #inferDefinitions()}) and
 * {@code applyInterfaceDefinitions} (see {@link ShapeDefinitions}).
 */
final class PlainObjectShapes {

    /** The list index of nodes that are not plain objects. */
    static final int NOT_PLAIN = -1;
    static final String PLAIN_OBJECT = "Object";

    private static final String PROTO = "__proto__";
    private static final int MAX_SHAPES = 1000;
    private static final int MIN_OBJECTS_PER_SHAPE = 2;
    private static final int MAX_NAME_LENGTH = 120;

    private final int[] listOfNode;
    private final List<String[]> lists;
    private final int[] objectsPerList;

    private PlainObjectShapes(int[] listOfNode, List<String[]> lists, int[] objectsPerList) {
        this.listOfNode = listOfNode;
        this.lists = lists;
        this.objectsPerList = objectsPerList;
    }

    static PlainObjectShapes of(HeapGraph graph) {
        int objectType = graph.meta().nodeType("object");
        int propertyEdge = graph.meta().edgeType("property");
        int[] listOfNode = new int[graph.nodeCount()];
        Map<NameIndexes, Integer> listIndexes = new HashMap<>();
        List<String[]> lists = new ArrayList<>();
        GrowableIntArray objectsPerList = new GrowableIntArray(0);
        NameIndexes probe = new NameIndexes(new int[16]);
        int plainObjectName = graph.stringIndex(PLAIN_OBJECT);
        for (int node = 0; node < listOfNode.length; node++) {
            if (graph.nodeType(node) != objectType || graph.nameIndex(node) != plainObjectName) {
                listOfNode[node] = NOT_PLAIN;
                continue;
            }
            probe.clear();
            for (int edge = graph.edgesStart(node); edge < graph.edgesEnd(node); edge++) {
                if (graph.edgeType(edge) == propertyEdge) {
                    probe.add(graph.edgeNameIndex(edge));
                }
            }
            probe.rehash();
            Integer list = listIndexes.get(probe);
            if (list == null) {
                list = lists.size();
                listIndexes.put(probe.copy(), list);
                lists.add(graph.strings(probe.toArray()));
                objectsPerList.add(0);
            }
            listOfNode[node] = list;
            objectsPerList.set(list, objectsPerList.get(list) + 1);
        }
        return new PlainObjectShapes(listOfNode, List.copyOf(lists), objectsPerList.toArray());
    }

    /**
     * From lists gathered elsewhere (while a summary streams by).
     *
     * @param listOfNode     per node its list, or {@link #NOT_PLAIN}
     * @param lists          each list's property names, in property order, in the order first seen
     * @param objectsPerList how many plain objects have each list
     */
    static PlainObjectShapes of(int[] listOfNode, List<String[]> lists, int[] objectsPerList) {
        return new PlainObjectShapes(listOfNode, List.copyOf(lists), objectsPerList);
    }

    /** The index of the property list a node's properties form, or {@link #NOT_PLAIN}. */
    int listOf(int node) {
        return listOfNode[node];
    }

    /**
     * The shapes DevTools would define for this snapshot: each plain object proposes a shape from its
     * property names in order ({@code __proto__} left out, the name capped near 120 characters); the
     * 1,000 most common shapes seen on at least two objects become definitions, the more common first
     * and, among equally common ones, the one seen first.
     */
    ShapeDefinitions inferDefinitions() {
        Map<List<String>, int[]> objectsByShape = new LinkedHashMap<>();
        for (int list = 0; list < lists.size(); list++) {
            List<String> shape = proposedShape(lists.get(list));
            if (!shape.isEmpty()) {
                objectsByShape.computeIfAbsent(shape, key -> new int[1])[0] += objectsPerList[list];
            }
        }
        List<Map.Entry<List<String>, int[]>> popular = new ArrayList<>(objectsByShape.entrySet());
        // A stable sort keeps equally common shapes in the order they were first seen.
        popular.sort((a, b) -> Integer.compare(b.getValue()[0], a.getValue()[0]));
        List<List<String>> definitions = new ArrayList<>();
        for (Map.Entry<List<String>, int[]> entry : popular) {
            if (definitions.size() == MAX_SHAPES || entry.getValue()[0] < MIN_OBJECTS_PER_SHAPE) {
                break;
            }
            definitions.add(entry.getKey());
        }
        return ShapeDefinitions.of(definitions);
    }

    /** Per list, the name its objects get under these definitions: a shape such as {@code {a, b}}, or {@code Object}. */
    String[] namesUnder(ShapeDefinitions definitions) {
        List<String[]> sorted = sortedLists();
        String[] names = new String[sorted.size()];
        for (int list = 0; list < names.length; list++) {
            names[list] = definitions.bestMatch(sorted.get(list));
        }
        return names;
    }

    /** Each list's property names in sorted order, as {@link ShapeDefinitions#bestMatch} takes them. */
    List<String[]> sortedLists() {
        List<String[]> sorted = new ArrayList<>(lists.size());
        for (String[] list : lists) {
            String[] names = list.clone();
            Arrays.sort(names);
            sorted.add(names);
        }
        return sorted;
    }

    private static List<String> proposedShape(String[] properties) {
        List<String> shape = new ArrayList<>();
        int length = 1;
        for (String property : properties) {
            if (property.equals(PROTO)) {
                continue;
            }
            String formatted = PropertyNames.format(property);
            if (length > 1 && length + formatted.length() > MAX_NAME_LENGTH) {
                break;
            }
            length += (length > 1 ? 2 : 0) + formatted.length();
            shape.add(property);
        }
        return shape;
    }
}
