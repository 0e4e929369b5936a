package dev.leakgate.snapshot;

import java.util.BitSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the two internal edges V8 writes for each WeakMap entry: one from the key and one
 * from the table, both named like {@code 3 / part of key (Key @5) -> value (Value @7) pair in
 * WeakMap (table @9)}. The value lives only while both live, so DevTools treats the pair specially.
 */
final class WeakMapEntries {

    private static final Pattern ENTRY = Pattern.compile(
            "^\\d+( / part of key \\(.*? @\\d+\\) -> value \\(.*? @\\d+\\) pair in WeakMap \\(table @(\\d+)\\))$");

    private final HeapGraph graph;
    private final int internalEdge;
    private final BitSet notEntries;

    WeakMapEntries(HeapGraph graph) {
        this.graph = graph;
        this.internalEdge = graph.meta().edgeType("internal");
        this.notEntries = new BitSet(graph.stringCount());
    }

    /** The part of the edge name both edges of one entry share, or null if the edge is no entry edge. */
    String entryOf(int edge) {
        Matcher matcher = match(edge);
        return matcher == null ? null : matcher.group(1);
    }

    /** Whether the edge is the table's edge of a WeakMap entry (the other one comes from the key). */
    boolean isFromTable(int node, int edge) {
        Matcher matcher = match(edge);
        return matcher != null && Integer.toUnsignedString(graph.id(node)).equals(matcher.group(2));
    }

    private Matcher match(int edge) {
        if (graph.edgeType(edge) != internalEdge) {
            return null;
        }
        int name = graph.edgeNameIndex(edge);
        if (notEntries.get(name)) {
            return null;
        }
        Matcher matcher = ENTRY.matcher(graph.string(name));
        if (!matcher.matches()) {
            notEntries.set(name);
            return null;
        }
        return matcher;
    }
}
