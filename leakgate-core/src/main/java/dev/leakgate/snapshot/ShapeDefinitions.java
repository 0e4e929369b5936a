package dev.leakgate.snapshot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The plain-object shapes DevTools names objects by, such as {@code {user, score}}, most common
 * first (see {@link PlainObjectShapes#inferDefinitions()}). An object takes the definition with the
 * most properties among those whose properties it all has, the more common one on a tie, else
 * stays {@code Object}, as in DevTools' {@code applyInterfaceDefinitions}.
 */
final class ShapeDefinitions {

    private final PropertyTree tree;

    private ShapeDefinitions(PropertyTree tree) {
        this.tree = tree;
    }

    /** @param definitions each shape's property names in property order, most common shape first */
    static ShapeDefinitions of(List<List<String>> definitions) {
        return new ShapeDefinitions(PropertyTree.of(definitions));
    }

    /** The name of an object with these property names (sorted), or {@code Object} when no definition fits. */
    String bestMatch(String[] sortedProperties) {
        return tree.isEmpty() ? PlainObjectShapes.PLAIN_OBJECT : tree.bestMatch(sortedProperties);
    }

    /** Which definition fits best, and how it ranks: more properties first, then earlier definitions. */
    private record Match(String name, int propertyCount, int rank) {

        static final Match NONE = new Match(PlainObjectShapes.PLAIN_OBJECT, 0, Integer.MAX_VALUE);

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

        static PropertyTree of(List<List<String>> definitions) {
            PropertyTree root = new PropertyTree();
            for (int rank = 0; rank < definitions.size(); rank++) {
                List<String> properties = definitions.get(rank);
                String[] sorted = properties.toArray(String[]::new);
                Arrays.sort(sorted);
                PropertyTree current = root;
                for (String property : sorted) {
                    current = current.child(property);
                }
                if (current.match == null) {
                    current.match = new Match(displayName(properties), sorted.length, rank);
                }
            }
            return root;
        }

        /** {@code {user, score}}: the properties in their own order, quoted where a name would be ambiguous. */
        private static String displayName(List<String> properties) {
            List<String> formatted = new ArrayList<>(properties.size());
            for (String property : properties) {
                formatted.add(PropertyNames.format(property));
            }
            return "{" + String.join(", ", formatted) + "}";
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

        String bestMatch(String[] sortedProperties) {
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
