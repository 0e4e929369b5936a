package dev.leakgate.snapshot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The constructor name (class key) of every node, as the Constructor column of the Chrome DevTools
 * Memory tab's Summary view shows it, interned into a small table.
 *
 * <p>Rules, from DevTools' heap snapshot worker ({@code HeapSnapshot.calculateObjectNames}):
 * <ul>
 *   <li>{@code object} and {@code native} nodes: their name, which V8 sets to the constructor
 *       name ({@code RequestRecord}, {@code Map}, {@code Buffer}, {@code system / JSArrayBufferData});
 *       names of DOM wrappers such as {@code <div id="a">} shorten to the tag, {@code <div>};
 *   <li>plain objects (an {@code object} named {@code Object}): the shape DevTools infers, such as
 *       {@code {user, score}} (see {@link PlainObjectShapes}), else {@code Object};
 *   <li>{@code closure}: {@code Function} (older DevTools showed {@code (closure)});
 *   <li>{@code regexp}: {@code RegExp}; {@code code}: {@code (compiled code)}; {@code hidden}:
 *       {@code (system)};
 *   <li>every other type in parentheses: {@code (array)}, {@code (string)}, {@code (concatenated
 *       string)}, {@code (sliced string)}, {@code (number)}, {@code (symbol)}, {@code (bigint)},
 *       {@code (object shape)}, {@code (synthetic)}.
 * </ul>
 *
 * <p>Where we differ on purpose: DevTools splits one name into several rows when same-named
 * constructors are defined at different source locations; we keep one row per name, because the
 * name is what users write in rules and what survives across snapshots. Browser-only DOM
 * detachedness ({@code Detached <div>}) is not propagated: Node heaps have no DOM.
 */
final class ClassNames {

    private final List<String> names;
    private final Map<String, Integer> indexes;
    private final int[] classOfNode;
    private final PlainObjectShapes shapes;
    private final ShapeDefinitions definitions;

    private ClassNames(List<String> names, Map<String, Integer> indexes, int[] classOfNode, PlainObjectShapes shapes,
                       ShapeDefinitions definitions) {
        this.names = names;
        this.indexes = indexes;
        this.classOfNode = classOfNode;
        this.shapes = shapes;
        this.definitions = definitions;
    }

    /** Needs the graph's nodes and names only, not its edges: the plain objects' property lists come with {@code shapes}. */
    static ClassNames of(HeapGraph graph, PlainObjectShapes shapes) {
        return new Assigner(graph).assign(shapes, shapes.inferDefinitions());
    }

    /** The plain-object shapes this snapshot defines, to name another snapshot's objects as DevTools compares them. */
    ShapeDefinitions definitions() {
        return definitions;
    }

    /**
     * The property lists of this snapshot's plain objects, when kept: a graph can list them again
     * from its edges, and a final snapshot needs the memory for its analysis.
     */
    Optional<PlainObjectShapes> shapes() {
        return Optional.ofNullable(shapes);
    }

    /** The same names without the property lists. */
    ClassNames withoutShapes() {
        return new ClassNames(names, indexes, classOfNode, null, definitions);
    }

    int classOf(int node) {
        return classOfNode[node];
    }

    String name(int classIndex) {
        return names.get(classIndex);
    }

    int classCount() {
        return names.size();
    }

    /** The class index of a name, or -1 when no node has it. */
    int indexOf(String name) {
        return indexes.getOrDefault(name, -1);
    }

    private static final class Assigner {

        private final HeapGraph graph;
        private final List<String> names = new ArrayList<>();
        private final Map<String, Integer> indexes = new HashMap<>();
        private final int[] classOfNameIndex;

        Assigner(HeapGraph graph) {
            this.graph = graph;
            this.classOfNameIndex = new int[graph.stringCount()];
            Arrays.fill(classOfNameIndex, -1);
        }

        ClassNames assign(PlainObjectShapes shapes, ShapeDefinitions definitions) {
            SnapshotMeta meta = graph.meta();
            int hidden = meta.nodeType("hidden");
            int object = meta.nodeType("object");
            int nativeType = meta.nodeType("native");
            int code = meta.nodeType("code");
            int closure = meta.nodeType("closure");
            int regexp = meta.nodeType("regexp");
            int[] byType = new int[meta.nodeTypes().size()];
            for (int type = 0; type < byType.length; type++) {
                byType[type] = intern(type == hidden ? "(system)"
                        : type == code ? "(compiled code)"
                        : type == closure ? "Function"
                        : type == regexp ? "RegExp"
                        : "(" + meta.nodeTypes().get(type) + ")");
            }
            String[] shapeNames = shapes.namesUnder(definitions);
            int[] classOfList = new int[shapeNames.length];
            for (int list = 0; list < shapeNames.length; list++) {
                classOfList[list] = intern(shapeNames[list]);
            }
            int[] classOfNode = new int[graph.nodeCount()];
            for (int node = 0; node < classOfNode.length; node++) {
                int type = graph.nodeType(node);
                int list = shapes.listOf(node);
                if (list != PlainObjectShapes.NOT_PLAIN) {
                    classOfNode[node] = classOfList[list];
                } else if (type == object || type == nativeType) {
                    classOfNode[node] = classOfName(graph.nameIndex(node));
                } else {
                    classOfNode[node] = byType[type];
                }
            }
            return new ClassNames(List.copyOf(names), Map.copyOf(indexes), classOfNode, shapes, definitions);
        }

        private int classOfName(int nameIndex) {
            int known = classOfNameIndex[nameIndex];
            if (known < 0) {
                known = intern(shortenElementName(graph.string(nameIndex)));
                classOfNameIndex[nameIndex] = known;
            }
            return known;
        }

        private int intern(String name) {
            return indexes.computeIfAbsent(name, added -> {
                names.add(added);
                return names.size() - 1;
            });
        }

        /** {@code <div id="a">} becomes {@code <div>}, as DevTools groups DOM wrappers by tag. */
        private static String shortenElementName(String name) {
            int space = name.indexOf(' ');
            return name.startsWith("<") && space >= 0 ? name.substring(0, space) + ">" : name;
        }
    }
}
