package dev.leakgate.analysis;

/**
 * A place in a script, as an editor shows it: {@code server.js:23:5}.
 *
 * @param file   the script, relative to the app's directory when it lies below it ({@code node:...} for Node's own)
 * @param line   1-based
 * @param column 1-based; 0 when only the line is known
 */
public record CodeLocation(String file, int line, int column) {

    public CodeLocation {
        if (file == null || file.isEmpty()) {
            throw new IllegalArgumentException("a code location needs a file");
        }
    }

    /** {@code file:line:column}, or {@code file:line} without a column. */
    public String text() {
        return file + ":" + line + (column > 0 ? ":" + column : "");
    }

    @Override
    public String toString() {
        return text();
    }
}
