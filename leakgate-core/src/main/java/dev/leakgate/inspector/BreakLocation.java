package dev.leakgate.inspector;

/**
 * A place V8 can pause at, as {@code Debugger.getPossibleBreakpoints} lists them: the start of a statement, a call
 * (at the called name), or a return.
 *
 * @param line   0-based
 * @param column 0-based
 * @param type   {@code call}, {@code return}, {@code debuggerStatement}, or empty for a statement
 */
public record BreakLocation(int line, int column, String type) {

    public boolean isCall() {
        return "call".equals(type);
    }

    public boolean isReturn() {
        return "return".equals(type);
    }
}
