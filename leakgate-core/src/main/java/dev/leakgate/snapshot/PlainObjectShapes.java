package dev.leakgate.snapshot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names plain objects by their shape, as current DevTools does in the Summary view: object
 * literals such as {@code {user: 'a', score: 1}} are listed as {@code {user, score}} instead of
 * one big {@code Object} row.
 *
 * <p>Follows DevTools' {@code inferInterfaceDefinitions} and {@code applyInterfaceDefinitions}:
 * each plain object proposes a shape from its property names in order ({@code __proto__} left
 * out, the name capped near 120 characters); the 1,000 most common shapes seen on at least two
 * objects become definitions; each plain object then takes the definition with the most properties
 * among those whose properties it all has (the more common one on a tie), else stays
 * {@code Object}. Like DevTools, shapes are inferred per snapshot.
 */
final class PlainObjectShapes {

    private static final String PLAIN_OBJECT = "Object";
    private static final String PROTO = "__proto__";
    private static final int MAX_SHAPES = 1000;
    private static final int MIN_OBJECTS_PER_SHAPE = 2;
    private static final int MAX_NAME_LENGTH = 120;

    private final HeapGraph graph;
    private final int propertyEdge;
    private final PropertyTree tree;

    private PlainObjectShapes(HeapGraph graph, PropertyTree tree) {
        this.graph = graph;
        this.propertyEdge = graph.meta().edgeType("property");
        this.tree = tree;
    }

    static PlainObjectShapes infer(HeapGraph graph) {
        return new PlainObjectShapes(graph, PropertyTree.of(new Inference(graph).definitions()));
    }

    /** The shape name of a plain object, or {@code Object} when no definition fits it. */
    String shapeOf(int node) {
        if (tree.isEmpty()) {
            return PLAIN_OBJECT;
        }
        List<String> properties = new ArrayList<>();
        for (int edge = graph.edgesStart(node); edge < graph.edgesEnd(node); edge++) {
            if (graph.edgeType(edge) == propertyEdge) {
                properties.add(graph.string(graph.edgeNameIndex(edge)));
            }
        }
        properties.sort(Comparator.naturalOrder());
        return tree.bestMatch(properties);
    }

    /** A shape: its display name and its property names. */
    private record Definition(String name, List<String> properties) {}

    /** Counts the shapes plain objects propose and keeps the common ones. */
    private static final class Inference {

        private final HeapGraph graph;
        private final int propertyEdge;
        private final int plainObjectType;
        private final String[] formattedNames;

        Inference(HeapGraph graph) {
            this.graph = graph;
            this.propertyEdge = graph.meta().edgeType("property");
            this.plainObjectType = graph.meta().nodeType("object");
            this.formattedNames = new String[graph.stringCount()];
        }

        List<Definition> definitions() {
            Map<PropertyList, int[]> countByShape = new LinkedHashMap<>();
            for (int node = 0; node < graph.nodeCount(); node++) {
                if (graph.nodeType(node) == plainObjectType && graph.name(node).equals(PLAIN_OBJECT)) {
                    PropertyList shape = proposedShape(node);
                    if (shape.names.length > 0) {
                        countByShape.computeIfAbsent(shape, key -> new int[1])[0]++;
                    }
                }
            }
            List<Map.Entry<PropertyList, int[]>> popular = new ArrayList<>(countByShape.entrySet());
            // A stable sort: among equally common shapes the one seen first wins, as in DevTools.
            popular.sort(Comparator.comparingInt(entry -> -entry.getValue()[0]));
            List<Definition> definitions = new ArrayList<>();
            for (Map.Entry<PropertyList, int[]> entry : popular) {
                if (definitions.size() == MAX_SHAPES || entry.getValue()[0] < MIN_OBJECTS_PER_SHAPE) {
                    break;
                }
                definitions.add(definition(entry.getKey()));
            }
            return definitions;
        }

        private PropertyList proposedShape(int node) {
            GrowableIntArray names = new GrowableIntArray(0);
            int length = 1;
            for (int edge = graph.edgesStart(node); edge < graph.edgesEnd(node); edge++) {
                if (graph.edgeType(edge) != propertyEdge || graph.string(graph.edgeNameIndex(edge)).equals(PROTO)) {
                    continue;
                }
                String formatted = formatted(graph.edgeNameIndex(edge));
                if (length > 1 && length + formatted.length() > MAX_NAME_LENGTH) {
                    break;
                }
                length += (length > 1 ? 2 : 0) + formatted.length();
                names.add(graph.edgeNameIndex(edge));
            }
            return new PropertyList(names.toArray());
        }

        private Definition definition(PropertyList shape) {
            StringBuilder name = new StringBuilder("{");
            List<String> properties = new ArrayList<>();
            for (int nameIndex : shape.names) {
                name.append(name.length() > 1 ? ", " : "").append(formatted(nameIndex));
                properties.add(graph.string(nameIndex));
            }
            return new Definition(name.append('}').toString(), properties);
        }

        private String formatted(int nameIndex) {
            if (formattedNames[nameIndex] == null) {
                formattedNames[nameIndex] = PropertyNames.format(graph.string(nameIndex));
            }
            return formattedNames[nameIndex];
        }
    }

    /** Property name string indexes, usable as a map key. */
    private static final class PropertyList {

        private final int[] names;
        private final int hash;

        PropertyList(int[] names) {
            this.names = names;
            this.hash = Arrays.hashCode(names);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof PropertyList list && Arrays.equals(names, list.names);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** Which definition fits best, and how it ranks: more properties first, then earlier definitions. */
    private record Match(String name, int propertyCount, int rank) {

        static final Match NONE = new Match(PLAIN_OBJECT, 0, Integer.MAX_VALUE);

        Match better(Match other) {
            if (other == null || propertyCount > other.propertyCount) {
                return this;
            }
            if (other.propertyCount > propertyCount) {
                return other;
            }
            return rank <= other.rank ? this : other;
        }
    }

    /**
     * A trie over the sorted property names of all definitions, walked with an object's sorted
     * property names to find every definition whose properties the object all has.
     */
    private static final class PropertyTree {

        private final Map<String, PropertyTree> next = new HashMap<>();
        private Match match;
        private String greatestNext;

        static PropertyTree of(List<Definition> definitions) {
            PropertyTree root = new PropertyTree();
            for (int rank = 0; rank < definitions.size(); rank++) {
                Definition definition = definitions.get(rank);
                List<String> properties = new ArrayList<>(definition.properties());
                properties.sort(Comparator.naturalOrder());
                PropertyTree current = root;
                for (String property : properties) {
                    current = current.child(property);
                }
                if (current.match == null) {
                    current.match = new Match(definition.name(), properties.size(), rank);
                }
            }
            return root;
        }

        boolean isEmpty() {
            return next.isEmpty();
        }

        private PropertyTree child(String property) {
            PropertyTree child = next.get(property);
            if (child == null) {
                child = new PropertyTree();
                next.put(property, child);
                if (greatestNext == null || greatestNext.compareTo(property) < 0) {
                    greatestNext = property;
                }
            }
            return child;
        }

        String bestMatch(List<String> sortedProperties) {
            Set<PropertyTree> states = new LinkedHashSet<>();
            states.add(this);
            Match best = Match.NONE.better(match);
            for (String property : sortedProperties) {
                for (PropertyTree state : states.toArray(PropertyTree[]::new)) {
                    if (state.greatestNext == null || property.compareTo(state.greatestNext) >= 0) {
                        states.remove(state); // later properties sort after this one: no transition is left
                    }
                    PropertyTree nextState = state.next.get(property);
                    if (nextState != null) {
                        states.add(nextState);
                        best = best.better(nextState.match);
                    }
                }
            }
            return best.name();
        }
    }
}
