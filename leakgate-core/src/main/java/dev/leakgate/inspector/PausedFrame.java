package dev.leakgate.inspector;

/**
 * One frame of the call stack of an app paused at a breakpoint, as {@code Debugger.paused} gives it.
 *
 * @param functionName   empty for anonymous functions
 * @param scriptId       V8's script id
 * @param functionLine   0-based line where the function starts
 * @param functionColumn 0-based column where the function starts
 * @param line           0-based line the frame is at: for a caller, the call it is making
 * @param column         0-based column the frame is at
 */
public record PausedFrame(String functionName, String scriptId, int functionLine, int functionColumn, int line,
                          int column) {
}
