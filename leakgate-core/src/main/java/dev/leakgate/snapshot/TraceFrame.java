package dev.leakgate.snapshot;

/**
 * One function on an allocation stack that V8 tracked (see {@link HeapSnapshot#allocationStack}).
 *
 * @param functionName the function's name as V8 infers it; empty for anonymous functions
 * @param scriptName   the script as the heap names it: a path for CommonJS, a {@code file:} URL for ES modules,
 *                     {@code node:...} for Node's own; empty for V8's builtins
 * @param scriptId     V8's script id, as the inspector and the snapshot's locations know it
 * @param line         1-based line where the function starts (V8 tracks functions, not call sites)
 * @param column       1-based column where the function starts
 */
public record TraceFrame(String functionName, String scriptName, int scriptId, int line, int column) {
}
