package dev.leakgate.report;

import dev.leakgate.analysis.AllocationStack;
import dev.leakgate.analysis.Finding;
import dev.leakgate.gate.GateResult;
import dev.leakgate.gate.Setting;
import dev.leakgate.gate.SnapshotInfo;
import dev.leakgate.load.PhaseResult;
import dev.leakgate.snapshot.ComparisonRow;
import dev.leakgate.text.DurationText;
import dev.leakgate.text.NumberText;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;

import static dev.leakgate.report.Html.escape;

/**
 * {@code report.html}: one self-contained page (inline CSS, SVG and script, no network) that opens from
 * a CI artifact on any machine. Everything that came from the heap or the app is escaped.
 */
public final class HtmlReport {

    /**
     * Sorting and filtering of the tables, inline so that the page works from a CI artifact opened offline.
     * Numeric cells carry their raw value in {@code data-value}; the first click sorts largest first.
     */
    private static final String SCRIPT = """
            document.querySelectorAll('table.sortable').forEach(table => {
              const headers = [...table.tHead.rows[0].cells];
              headers.forEach((th, column) => {
                th.tabIndex = 0;
                const sort = () => {
                  const descending = th.getAttribute('aria-sort') !== 'descending';
                  headers.forEach(h => h.removeAttribute('aria-sort'));
                  th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
                  const key = row => {
                    const cell = row.cells[column];
                    return cell.dataset.value !== undefined ? Number(cell.dataset.value) : cell.textContent.trim().toLowerCase();
                  };
                  const rows = [...table.tBodies[0].rows].sort((a, b) => {
                    const x = key(a), y = key(b);
                    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
                    return descending ? -order : order;
                  });
                  rows.forEach(row => table.tBodies[0].appendChild(row));
                };
                th.addEventListener('click', sort);
                th.addEventListener('keydown', event => {
                  if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); sort(); }
                });
              });
            });
            document.querySelectorAll('input[data-filter]').forEach(input => {
              const table = document.getElementById(input.dataset.filter);
              input.addEventListener('input', () => {
                const wanted = input.value.trim().toLowerCase();
                [...table.tBodies[0].rows].forEach(row => {
                  row.hidden = wanted !== '' && !row.cells[0].textContent.toLowerCase().includes(wanted);
                });
              });
            });
            """;

    private static final String STYLE = """
            body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
            main{max-width:1100px;margin:0 auto;padding:24px}
            h1{font-size:20px;margin:0 0 4px} h2{font-size:16px;margin:28px 0 8px}
            .banner{padding:16px 20px;border-radius:8px;color:#fff;margin-bottom:16px}
            .PASS{background:#1f7a3a}.LEAK{background:#b3261e}.CRASH{background:#8a1c7c}.ERROR{background:#7a5a00}
            .banner p{margin:4px 0 0;font-size:15px}
            table{border-collapse:collapse;width:100%;background:#fff;border:1px solid #dde1e6}
            th,td{text-align:left;padding:6px 10px;border-bottom:1px solid #eceff2;vertical-align:top}
            th{background:#eef1f4;font-weight:600} td.num{text-align:right;font-variant-numeric:tabular-nums}
            code,pre{font:12.5px/1.4 ui-monospace,SFMono-Regular,Menlo,monospace}
            pre{background:#111722;color:#dfe6ee;padding:12px;border-radius:6px;overflow:auto;white-space:pre-wrap}
            .finding{background:#fff;border:1px solid #dde1e6;border-radius:8px;padding:12px 16px;margin-bottom:12px}
            .finding h3{margin:0 0 6px;font-size:15px} .finding dl{display:grid;grid-template-columns:150px 1fr;gap:4px 12px;margin:8px 0 0}
            .finding dt{color:#5b6472} .finding dd{margin:0}
            svg.spark polyline{fill:none;stroke:#b3261e;stroke-width:2} svg.spark circle{fill:#b3261e}
            .muted{color:#5b6472}
            table.sortable th{cursor:pointer;user-select:none} table.sortable th[aria-sort=descending]::after{content:" ▼"}
            table.sortable th[aria-sort=ascending]::after{content:" ▲"}
            input.filter{font:inherit;padding:4px 8px;margin:0 0 8px;width:280px;border:1px solid #c4cad2;border-radius:6px}
            svg.timeline{width:100%;height:auto;background:#fff;border:1px solid #dde1e6;border-radius:8px}
            svg.timeline polyline.heap{fill:none;stroke:#2b5fb3;stroke-width:2}
            svg.timeline .axis{stroke:#9aa3ad} svg.timeline text{font-size:11px;fill:#5b6472}
            svg.timeline line.mark.phase{stroke:#2b5fb3;stroke-dasharray:4 3;opacity:.6}
            svg.timeline line.mark.gc{stroke:#9aa3ad;opacity:.7} svg.timeline line.mark.snapshot{stroke:#b3261e;opacity:.7}
            """;

    public void write(GateResult result, Path file) throws IOException {
        Files.writeString(file, render(result), StandardCharsets.UTF_8);
    }

    String render(GateResult result) {
        StringBuilder page = new StringBuilder(16_384);
        page.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
                .append("<title>leakgate: ").append(result.verdict()).append("</title><style>").append(STYLE)
                .append("</style></head><body><main>");
        banner(page, result);
        findings(page, result);
        timeline(page, result);
        load(page, result);
        snapshots(page, result);
        comparison(page, result);
        appLog(page, result);
        settings(page, result);
        page.append("<p class=\"muted\">Started ")
                .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(result.startedAt().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC)))
                .append(" UTC, took ").append(DurationText.of(result.duration()))
                .append(result.nodeVersion() == null ? "" : ", Node " + escape(result.nodeVersion()))
                .append(".</p></main><script>").append(SCRIPT).append("</script></body></html>\n");
        return page.toString();
    }

    private static void banner(StringBuilder page, GateResult result) {
        page.append("<section class=\"banner ").append(result.verdict()).append("\"><h1>leakgate: ")
                .append(result.verdict()).append("</h1><p>").append(escape(result.reason())).append("</p></section>");
    }

    private static void findings(StringBuilder page, GateResult result) {
        List<Finding> failing = result.findings().stream().filter(Finding::failing).toList();
        List<Finding> reported = result.findings().stream().filter(finding -> !finding.failing()).toList();
        if (!failing.isEmpty()) {
            page.append("<h2>What leaks</h2>");
            articles(page, failing);
        }
        if (!reported.isEmpty()) {
            page.append("<h2>Growth that does not fail the build</h2><p>Accepted by the baseline file, or V8's own "
                    + "bookkeeping (compiled code, type feedback, object shapes), which follows the JIT, not the app's data.</p>");
            articles(page, reported);
        }
    }

    private static void articles(StringBuilder page, List<Finding> findings) {
        int rank = 1;
        for (Finding finding : findings) {
            page.append("<article class=\"finding\"><h3>").append(rank++).append(". <code>")
                    .append(escape(finding.constructor())).append("</code> +")
                    .append(NumberText.decimal(finding.growthPerRequest())).append(" ").append(finding.unit())
                    .append(" per request</h3>")
                    .append(Sparkline.svg(finding.perSnapshot()))
                    .append("<dl><dt>").append(finding.unit()).append(" per snapshot</dt><dd>")
                    .append(FindingText.perSnapshot(finding))
                    .append("</dd><dt>shape</dt><dd>").append(finding.shape().label())
                    .append("</dd><dt>judged</dt><dd>").append(escape(judged(finding)))
                    .append("</dd><dt>retained size</dt><dd>").append(NumberText.bytes(finding.retainedSize()))
                    .append("</dd><dt>kept alive by</dt><dd><code>")
                    .append(escape(FindingText.orNone(finding.retainerPath())))
                    .append("</code></dd><dt>allocated at</dt><dd><code>")
                    .append(escape(FindingText.orNone(finding.location())))
                    .append("</code></dd>");
            if (finding.sampleValue() != null) {
                page.append("<dt>sample value</dt><dd><code>").append(escape(finding.sampleValue())).append("</code></dd>");
            }
            if (!finding.survivorsPerRound().isEmpty()) {
                page.append("<dt>survivors per round</dt><dd>")
                        .append(finding.survivorsPerRound().stream().map(NumberText::count)
                                .collect(Collectors.joining(", ")))
                        .append("</dd>");
            }
            for (AllocationStack stack : finding.allocationStacks()) {
                page.append("<dt>allocation stack</dt><dd><code>").append(escape(stack.frames())).append("</code> (")
                        .append(NumberText.bytes(stack.bytes())).append(" still alive)</dd>");
            }
            page.append("</dl></article>");
        }
    }

    private static String judged(Finding finding) {
        return switch (finding.judgement()) {
            case LEAK -> finding.acceptedGrowthPerRequest() > 0
                    ? "leak: beyond the baseline's " + NumberText.decimal(finding.acceptedGrowthPerRequest())
                            + " per request"
                    : "leak";
            case WITHIN_BASELINE -> "within the baseline's " + NumberText.decimal(finding.acceptedGrowthPerRequest())
                    + " per request";
            case ENGINE_INTERNAL -> "V8's own bookkeeping, not a leak by itself";
        };
    }

    private static void timeline(StringBuilder page, GateResult result) {
        if (result.heapTimeline().samples().isEmpty()) {
            return;
        }
        page.append("<h2>Heap over the run</h2>").append(TimelineChart.svg(result.heapTimeline()))
                .append("<p class=\"muted\">Heap used, polled every few hundred milliseconds. Dashed: a load phase ")
                .append("starts; grey: forced GC; red: heap snapshot.</p>");
    }

    private static void load(StringBuilder page, GateResult result) {
        if (result.phases().isEmpty()) {
            return;
        }
        page.append("<h2>Load</h2><table class=\"sortable\"><thead><tr><th>phase</th><th>requests</th><th>failed</th><th>req/s</th>")
                .append("<th>p50 ms</th><th>p90 ms</th><th>p99 ms</th><th>max ms</th><th>status codes</th></tr></thead><tbody>");
        for (PhaseResult phase : result.phases()) {
            page.append("<tr><td>").append(escape(phase.phase())).append("</td>")
                    .append(numberCell(NumberText.count(phase.requests()), phase.requests()))
                    .append(numberCell(NumberText.count(phase.failed()), phase.failed()))
                    .append(numberCell(NumberText.decimal(phase.requestsPerSecond()), phase.requestsPerSecond()))
                    .append(numberCell(NumberText.decimal(phase.latency().p50()), phase.latency().p50()))
                    .append(numberCell(NumberText.decimal(phase.latency().p90()), phase.latency().p90()))
                    .append(numberCell(NumberText.decimal(phase.latency().p99()), phase.latency().p99()))
                    .append(numberCell(NumberText.decimal(phase.latency().max()), phase.latency().max()))
                    .append("<td>").append(phase.statusCounts().entrySet().stream()
                            .map(status -> status.getKey() + " × " + NumberText.count(status.getValue()))
                            .collect(Collectors.joining(", "))).append("</td></tr>");
        }
        page.append("</tbody></table>");
    }

    private static void snapshots(StringBuilder page, GateResult result) {
        if (result.snapshots().isEmpty()) {
            return;
        }
        page.append("<h2>Heap snapshots</h2><table id=\"snapshots\" class=\"sortable\"><thead><tr><th>snapshot</th><th>objects</th><th>heap used</th>")
                .append("</tr></thead><tbody>");
        for (SnapshotInfo snapshot : result.snapshots()) {
            page.append("<tr><td>").append(escape(snapshot.label())).append("</td>")
                    .append(numberCell(NumberText.count(snapshot.nodeCount()), snapshot.nodeCount()))
                    .append(numberCell(NumberText.bytes(snapshot.heapUsedBytes()), snapshot.heapUsedBytes()))
                    .append("</tr>");
        }
        page.append("</tbody></table>");
    }

    /** The DevTools Comparison view between the first and the last snapshot, for every constructor that changed. */
    private static void comparison(StringBuilder page, GateResult result) {
        if (result.comparison().isEmpty() || result.snapshots().size() < 2) {
            return;
        }
        String from = result.snapshots().get(0).label();
        String to = result.snapshots().get(result.snapshots().size() - 1).label();
        page.append("<h2>Comparison: ").append(escape(from)).append(" → ").append(escape(to)).append("</h2>")
                .append("<p class=\"muted\">Objects matched by id, as the Comparison view of the DevTools Memory tab ")
                .append("shows them. Click a column to sort.</p>")
                .append("<input class=\"filter\" type=\"search\" placeholder=\"Filter constructors\" ")
                .append("aria-label=\"Filter constructors\" data-filter=\"comparison\">")
                .append("<table id=\"comparison\" class=\"sortable\"><thead><tr><th>constructor</th><th># New</th>")
                .append("<th># Deleted</th><th># Delta</th><th>Alloc. Size</th><th>Freed Size</th><th>Size Delta</th>")
                .append("</tr></thead><tbody>");
        for (ComparisonRow row : result.comparison()) {
            page.append("<tr><td><code>").append(escape(row.constructor())).append("</code></td>")
                    .append(numberCell(NumberText.count(row.newCount()), row.newCount()))
                    .append(numberCell(NumberText.count(row.deletedCount()), row.deletedCount()))
                    .append(numberCell(signed(NumberText.count(row.countDelta()), row.countDelta()), row.countDelta()))
                    .append(numberCell(NumberText.bytes(row.allocatedSize()), row.allocatedSize()))
                    .append(numberCell(NumberText.bytes(row.freedSize()), row.freedSize()))
                    .append(numberCell(signed(NumberText.bytes(row.sizeDelta()), row.sizeDelta()), row.sizeDelta()))
                    .append("</tr>");
        }
        page.append("</tbody></table>");
    }

    private static String signed(String shown, long value) {
        return value > 0 ? "+" + shown : shown;
    }

    private static void settings(StringBuilder page, GateResult result) {
        if (result.settings().isEmpty()) {
            return;
        }
        page.append("<h2>The run</h2><table><tbody>");
        if (result.nodeVersion() != null) {
            page.append("<tr><th>Node</th><td>").append(escape(result.nodeVersion())).append("</td></tr>");
        }
        for (Setting setting : result.settings()) {
            page.append("<tr><th>").append(escape(setting.name())).append("</th><td><code>")
                    .append(escape(setting.value())).append("</code></td></tr>");
        }
        page.append("</tbody></table>");
    }

    private static void appLog(StringBuilder page, GateResult result) {
        if (result.appLogTail().isEmpty()) {
            return;
        }
        page.append("<h2>The app's last lines</h2><pre>");
        for (String line : result.appLogTail()) {
            page.append(escape(line)).append('\n');
        }
        page.append("</pre><p class=\"muted\">The whole output is in app.log next to this report.</p>");
    }

    private static String numberCell(String shown, double value) {
        return "<td class=\"num\" data-value=\"" + value + "\">" + shown + "</td>";
    }

}
