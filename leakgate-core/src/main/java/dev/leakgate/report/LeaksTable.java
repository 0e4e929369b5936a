package dev.leakgate.report;

import dev.leakgate.analysis.Leak;
import dev.leakgate.result.Verdicts;
import dev.leakgate.text.NumberText;

import java.util.ArrayList;
import java.util.List;

/**
 * The leaks as text for the Maven log and the command line, one short block each, the line to change first:
 * <pre>
 * 1. server.js:23:13 sessions.set keeps Session objects (+1.00 per request)
 *    kept by   server.js (module) › sessions (Map) › {table} (array) › [1203] › Session
 *    grows     6 findings: Map (collection), Session, Date, Array, (string), (number); 1.9 MB retained
 * </pre>
 */
public final class LeaksTable {

    private static final String INDENT = "   ";

    private final int maxLeaks;

    public LeaksTable(int maxLeaks) {
        this.maxLeaks = maxLeaks;
    }

    public List<String> render(List<Leak> leaks) {
        List<String> lines = new ArrayList<>();
        int rank = 1;
        for (Leak leak : leaks.subList(0, Math.min(maxLeaks, leaks.size()))) {
            String notFailing = FindingText.notFailing(leak);
            // Failing leaks are numbered, as the verdict counts them; growth that does not fail is a plain item.
            String marker = leak.failing() ? rank++ + "." : "-";
            lines.add(marker + " " + Verdicts.describe(leak) + (notFailing.isEmpty() ? "" : " (not failing: "
                    + notFailing + ")"));
            lines.add(INDENT + "kept by   " + leak.retainerPath().text());
            if (!leak.origin().requests().isEmpty()) {
                lines.add(INDENT + "requests  " + FindingText.requests(leak));
            }
            lines.add(INDENT + "grows     " + leak.findings().size() + " finding" + (leak.findings().size() == 1 ? "" : "s")
                    + ": " + FindingText.findingNames(leak) + "; " + NumberText.bytes(leak.retainedSize()) + " retained");
            if (!leak.origin().note().isEmpty()) {
                lines.add(INDENT + "note      " + leak.origin().note());
            }
        }
        if (leaks.size() > maxLeaks) {
            lines.add("... and " + (leaks.size() - maxLeaks) + " more in the report");
        }
        return lines;
    }
}
