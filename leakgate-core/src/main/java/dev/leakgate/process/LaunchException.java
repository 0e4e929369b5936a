package dev.leakgate.process;

import java.util.List;

/** The Node app could not be started or did not become ready; the message says what to fix. */
public final class LaunchException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Lines quoted in the message; the app prints the most useful ones just before it dies. */
    private static final int QUOTED_LINES = 20;

    private final List<String> lastLines;

    public LaunchException(String message) {
        this(message, List.of(), null);
    }

    public LaunchException(String message, Throwable cause) {
        this(message, List.of(), cause);
    }

    /** The message is followed by the app's last lines (up to twenty of them). */
    public LaunchException(String message, List<String> lastLines) {
        this(message, lastLines, null);
    }

    private LaunchException(String message, List<String> lastLines, Throwable cause) {
        super(withQuotedLines(message, lastLines), cause);
        this.lastLines = List.copyOf(lastLines);
    }

    /** The app's last lines of output (stdout and stderr), oldest first; empty if it printed nothing. */
    public List<String> lastLines() {
        return lastLines;
    }

    private static String withQuotedLines(String message, List<String> lines) {
        if (lines.isEmpty()) {
            return message;
        }
        StringBuilder text = new StringBuilder(message).append("\nLast lines of the app's output:");
        lines.subList(Math.max(0, lines.size() - QUOTED_LINES), lines.size())
                .forEach(line -> text.append("\n  ").append(line));
        return text.toString();
    }
}
