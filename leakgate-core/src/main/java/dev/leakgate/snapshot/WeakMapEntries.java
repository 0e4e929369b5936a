package dev.leakgate.snapshot;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
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
    /** What {@link #ENTRY} matches with every part as short as it can be. */
    private static final int SHORTEST_ENTRY_NAME =
            "0 / part of key ( @0) -> value ( @0) pair in WeakMap (table @0)".length();

    private final HeapGraph graph;
    private final int internalEdge;
    /** By string index: which names were matched, and which of those are WeakMap entry names. */
    private final BitSet checked;
    private final BitSet entryNames;
    private final Map<Integer, Entry> entries = new HashMap<>();

    WeakMapEntries(HeapGraph graph) {
        this.graph = graph;
        this.internalEdge = graph.meta().edgeType("internal");
        this.checked = new BitSet(graph.stringCount());
        this.entryNames = new BitSet(graph.stringCount());
    }

    /** The part of the edge name both edges of one entry share, or null if the edge is no entry edge. */
    String entryOf(int edge) {
        Entry entry = entry(edge);
        return entry == null ? null : entry.sharedPart();
    }

    /** Whether the edge is the table's edge of a WeakMap entry (the other one comes from the key). */
    boolean isFromTable(int node, int edge) {
        Entry entry = entry(edge);
        return entry != null && entry.tableId() == Integer.toUnsignedLong(graph.id(node));
    }

    private Entry entry(int edge) {
        if (graph.edgeType(edge) != internalEdge) {
            return null;
        }
        int name = graph.edgeNameIndex(edge);
        if (!checked.get(name)) {
            checked.set(name);
            // Most internal edges are named like "map" or "elements": no string is made for them.
            if (graph.stringLength(name) >= SHORTEST_ENTRY_NAME) {
                Matcher matcher = ENTRY.matcher(graph.string(name));
                if (matcher.matches()) {
                    entryNames.set(name);
                    entries.put(name, new Entry(matcher.group(1), parseId(matcher.group(2))));
                }
            }
        }
        // Most internal edges are no entry edges: they are told apart without a map lookup.
        return entryNames.get(name) ? entries.get(name) : null;
    }

    private static long parseId(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException tooLong) {
            return -1;
        }
    }

    /** What an entry edge's name says: the part both edges share, and the table's object id. */
    private record Entry(String sharedPart, long tableId) {}
}
