package dev.leakgate.cli;

import dev.leakgate.load.Latency;
import dev.leakgate.load.PhaseResult;
import dev.leakgate.text.DurationText;
import dev.leakgate.text.NumberText;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A load result as two small Markdown tables and two lines: aligned for the terminal, and rendered as tables when
 * pasted into a pull request.
 */
final class LoadTable {

    List<String> render(PhaseResult result) {
        Latency latency = result.latency();
        double seconds = result.elapsed().toNanos() / 1e9;
        List<String> lines = new ArrayList<>();
        lines.addAll(table(
                List.of("latency", "p50", "p90", "p99", "p99.9", "max"),
                List.of("ms", NumberText.decimal(latency.p50()), NumberText.decimal(latency.p90()),
                        NumberText.decimal(latency.p99()), NumberText.decimal(latency.p999()),
                        NumberText.decimal(latency.max()))));
        lines.add("");
        lines.addAll(table(
                List.of("requests", "duration", "req/s", "bytes read", "bytes/s", "failed"),
                List.of(NumberText.count(result.requests()), DurationText.of(result.elapsed()),
                        NumberText.decimal(result.requestsPerSecond()), NumberText.bytes(result.bytesRead()),
                        NumberText.bytes(seconds > 0 ? Math.round(result.bytesRead() / seconds) : 0),
                        NumberText.count(result.failed()))));
        lines.add("");
        lines.add("status codes: " + counts(result.statusCounts()));
        lines.add("errors without a response: " + counts(result.errorsByKind()));
        return lines;
    }

    private static String counts(Map<?, Long> counts) {
        if (counts.isEmpty()) {
            return "none";
        }
        return counts.entrySet().stream()
                .map(entry -> entry.getKey() + " × " + NumberText.count(entry.getValue()))
                .collect(Collectors.joining(", "));
    }

    /** One header row and one row of values, every column as wide as its widest cell; values align right. */
    private static List<String> table(List<String> header, List<String> values) {
        StringBuilder head = new StringBuilder("|");
        StringBuilder rule = new StringBuilder("|");
        StringBuilder row = new StringBuilder("|");
        for (int column = 0; column < header.size(); column++) {
            int width = Math.max(header.get(column).length(), values.get(column).length());
            head.append(' ').append(padRight(header.get(column), width)).append(" |");
            // the first column names the row; the others are numbers
            rule.append(column == 0 ? "-" + "-".repeat(width) + "-|" : "-" + "-".repeat(width) + ":|");
            row.append(' ').append(column == 0 ? padRight(values.get(column), width) : padLeft(values.get(column), width))
                    .append(" |");
        }
        return List.of(head.toString(), rule.toString(), row.toString());
    }

    private static String padRight(String text, int width) {
        return text + " ".repeat(width - text.length());
    }

    private static String padLeft(String text, int width) {
        return " ".repeat(width - text.length()) + text;
    }
}
