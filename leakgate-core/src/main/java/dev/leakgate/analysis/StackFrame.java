package dev.leakgate.analysis;

/**
 * One function on an allocation stack.
 *
 * @param function the function's name, {@code (anonymous)} for one without
 * @param location where the function starts (V8 tracks functions, not lines); null for V8's builtins
 * @param origin   whose code it is
 */
public record StackFrame(String function, CodeLocation location, Origin origin) {

    /** Whose code a frame runs. */
    public enum Origin {
        /** The app's own scripts: where a fix goes. */
        APP,
        /** A package under {@code node_modules}. */
        LIBRARY,
        /** Node's own modules ({@code node:...}). */
        NODE,
        /** V8's builtins and code without a script. */
        ENGINE
    }

    /** {@code server.js:14 handler}, or the bare name of a builtin. */
    public String text() {
        return location == null ? function : location.file() + ":" + location.line() + " " + function;
    }
}
