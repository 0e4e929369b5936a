package dev.leakgate.inspector;

/**
 * One function on a sampled allocation stack.
 *
 * @param functionName empty for anonymous functions
 * @param url          the script's URL ({@code file:///...}, {@code node:internal/...}); empty for V8 builtins
 * @param lineNumber   0-based line where the function starts (not the allocating line: V8 samples per function)
 */
public record CallFrame(String functionName, String scriptId, String url, int lineNumber) {
}
