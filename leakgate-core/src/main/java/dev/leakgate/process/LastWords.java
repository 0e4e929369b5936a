package dev.leakgate.process;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Picks the line of a dead app's output that says why it died. */
public final class LastWords {

    /** V8's own verdict, e.g. "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory". */
    private static final Pattern FATAL = Pattern.compile("^FATAL ERROR\\b");
    /** The first line of an uncaught exception, e.g. "TypeError: x is not a function" or "Error [ERR_X]: ...". */
    private static final Pattern UNCAUGHT = Pattern.compile("^(?:Uncaught )?(?:[A-Z]\\w*)?Error(?::| \\[)");
    /** Node's sign-off after an uncaught exception says nothing about the cause. */
    private static final Pattern NODE_VERSION = Pattern.compile("^Node\\.js v\\d+");

    private LastWords() {
    }

    /** The last fatal error, else the last uncaught exception, else the last line with something in it. */
    public static Optional<String> of(List<String> lines) {
        return last(lines, FATAL)
                .or(() -> last(lines, UNCAUGHT))
                .or(() -> lines.stream().map(String::strip)
                        .filter(line -> !line.isEmpty() && !NODE_VERSION.matcher(line).find())
                        .reduce((earlier, later) -> later));
    }

    private static Optional<String> last(List<String> lines, Pattern pattern) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i).strip();
            if (pattern.matcher(line).find()) {
                return Optional.of(line);
            }
        }
        return Optional.empty();
    }
}
