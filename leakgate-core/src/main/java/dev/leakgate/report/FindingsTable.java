package dev.leakgate.report;

import dev.leakgate.analysis.Finding;
import dev.leakgate.text.NumberText;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The findings as a fixed-width text table, for the Maven log and the CLI. */
public final class FindingsTable {

    private static final String[] HEADER = {"constructor", "shape", "per request", "per snapshot", "retained", "allocated at"};
    private static final int MAX_CELL = 60;

    private final int maxRows;

    public FindingsTable(int maxRows) {
        this.maxRows = maxRows;
    }

    public List<String> render(List<Finding> findings) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (Finding finding : findings.subList(0, Math.min(maxRows, findings.size()))) {
            rows.add(new String[]{
                    finding.failing() ? finding.constructor() : finding.constructor() + " (not failing)",
                    finding.shape().label(),
                    "+" + NumberText.decimal(finding.growthPerRequest()),
                    FindingText.perSnapshot(finding),
                    NumberText.bytes(finding.retainedSize()),
                    FindingText.orNone(finding.location())});
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int column = 0; column < row.length; column++) {
                row[column] = clip(row[column]);
                widths[column] = Math.max(widths[column], row[column].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int column = 0; column < row.length; column++) {
                line.append(String.format(Locale.ROOT, "%-" + widths[column] + "s", row[column]));
                if (column < row.length - 1) {
                    line.append("  ");
                }
            }
            lines.add(line.toString().stripTrailing());
        }
        if (findings.size() > maxRows) {
            lines.add("... and " + (findings.size() - maxRows) + " more in the report");
        }
        return lines;
    }

    private static String clip(String cell) {
        return cell.length() <= MAX_CELL ? cell : cell.substring(0, MAX_CELL - 1) + "…";
    }
}
