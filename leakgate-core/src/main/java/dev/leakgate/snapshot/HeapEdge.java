package dev.leakgate.snapshot;

/**
 * One outgoing reference of a node in a {@link ReadMode#GRAPH} snapshot.
 *
 * @param name the property, variable or internal name; the index as text for elements
 * @param type the V8 edge type: context, element, property, internal, hidden, shortcut or weak
 * @param target the node ordinal the edge points to
 */
public record HeapEdge(String name, String type, int target) {}
