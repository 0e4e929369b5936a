package dev.leakgate.report;

import dev.leakgate.analysis.AllocationStack;
import dev.leakgate.analysis.Finding;
import dev.leakgate.analysis.FixSite;
import dev.leakgate.analysis.Leak;
import dev.leakgate.analysis.ReadablePath;
import dev.leakgate.analysis.StackFrame;
import dev.leakgate.load.PhaseResult;
import dev.leakgate.result.GateResult;
import dev.leakgate.result.Setting;
import dev.leakgate.result.SnapshotInfo;
import dev.leakgate.snapshot.ComparisonRow;
import dev.leakgate.text.DurationText;
import dev.leakgate.text.NumberText;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
            .leak{background:#fff;border:1px solid #dde1e6;border-radius:8px;padding:12px 16px;margin-bottom:12px}
            .leak h3{margin:0 0 8px;font-size:16px} .leak h3 code.site{background:#fde8e6;color:#8c1d15;padding:1px 6px;border-radius:4px}
            .leak dl{display:grid;grid-template-columns:130px 1fr;gap:6px 12px;margin:8px 0 0}
            .leak dt{color:#5b6472} .leak dd{margin:0;overflow-wrap:anywhere}
            pre.code{background:#f3f5f8;color:#1d2330;border-left:3px solid #b3261e;padding:8px 12px;margin:4px 0 8px}
            pre.code .lineno{color:#8a939f;margin-right:12px;user-select:none}
            code.path .object{color:#5b6472} code.stack strong{color:#1d2330}
            details.findings{margin-top:10px} details.findings summary{cursor:pointer;color:#2b5fb3}
            details.findings table{margin-top:8px;font-size:13px}
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
        leaks(page, result);
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

    private static void leaks(StringBuilder page, GateResult result) {
        List<Leak> failing = result.leaks().stream().filter(Leak::failing).toList();
        List<Leak> reported = result.leaks().stream().filter(leak -> !leak.failing()).toList();
        if (!failing.isEmpty()) {
            page.append("<h2>What leaks</h2>");
            articles(page, failing, 1);
        }
        if (!reported.isEmpty()) {
            page.append("<h2>Growth that does not fail the build</h2><p>Accepted by the baseline file, or V8's own "
                    + "bookkeeping (compiled code, type feedback, object shapes), which follows the JIT, not the app's data.</p>");
            articles(page, reported, 0);
        }
    }

    /** @param firstRank the number of the first leak; 0 for growth that does not fail, which goes unnumbered */
    private static void articles(StringBuilder page, List<Leak> leaks, int firstRank) {
        int rank = firstRank;
        for (Leak leak : leaks) {
            FixSite site = leak.origin().fixSite();
            page.append("<article class=\"leak ").append(leak.failing() ? "failing" : "reported").append("\"><h3>")
                    .append(rank == 0 ? "" : rank++ + ". ");
            if (site != null) {
                page.append("<code class=\"site\">").append(escape(site.location().text())).append("</code> ");
            }
            page.append(escape(leak.title()));
            if (!leak.thread().equals(Leak.MAIN_THREAD)) {
                page.append(" <span class=\"thread\">in ").append(escape(leak.thread())).append("</span>");
            }
            page.append("</h3>");
            if (site != null && !site.code().isEmpty()) {
                page.append("<pre class=\"code\"><span class=\"lineno\">").append(site.location().line())
                        .append("</span>").append(escape(site.code())).append("</pre>");
            }
            page.append("<dl>");
            if (site != null) {
                page.append("<dt>what to change</dt><dd>").append(escape(fixSiteSentence(site))).append("</dd>");
            }
            if (!leak.origin().note().isEmpty()) {
                page.append("<dt>note</dt><dd>").append(escape(leak.origin().note())).append("</dd>");
            }
            page.append("<dt>kept alive by</dt><dd>").append(path(leak.retainerPath()))
                    .append("<div class=\"muted\">the way ").append(escape(leak.pathShare().describe(leak.subject())))
                    .append(" are kept</div></dd>");
            if (!leak.origin().requests().isEmpty()) {
                page.append("<dt>which request</dt><dd>").append(escape(FindingText.requests(leak))).append("</dd>");
            }
            for (AllocationStack stack : leak.origin().stacks()) {
                page.append("<dt>allocated by</dt><dd>").append(stack(stack)).append("<div class=\"muted\">")
                        .append(escape(FindingText.stackShare(stack, leak)))
                        .append("; outermost call first, each function at the line it starts, the app's in bold")
                        .append("</div></dd>");
            }
            Finding cause = leak.cause();
            page.append("<dt>how sure</dt><dd>").append(escape(cause.constructor())).append(" grew in every round: ")
                    .append(FindingText.perSnapshot(cause)).append(" ").append(cause.unit());
            if (!cause.survivorsPerRound().isEmpty()) {
                page.append("; kept from every round: ").append(cause.survivorsPerRound().stream().map(NumberText::count)
                        .collect(Collectors.joining(", ")));
            }
            page.append("</dd><dt>cost</dt><dd>").append(NumberText.bytes(Math.round(leak.growthPerRequest())))
                    .append(" more per request, ").append(NumberText.bytes(leak.retainedSize())).append(" retained");
            String notFailing = FindingText.notFailing(leak);
            if (!notFailing.isEmpty()) {
                page.append("; ").append(escape(notFailing));
            }
            page.append("</dd></dl>");
            findingsOf(page, leak);
            page.append("</article>");
        }
    }

    private static String fixSiteSentence(FixSite site) {
        String where = "line " + site.location().line() + " of " + site.location().file()
                + (site.function().isEmpty() ? "" : ", in " + site.function());
        return switch (site.kind()) {
            case STORE -> where + ": it adds the objects to the collection that keeps them (" + site.callee() + ").";
            case CALL -> where + ": it calls " + site.callee() + ", which makes the objects that stay.";
            case SETUP -> where + ": it sets up " + site.callee() + ", which keeps the objects though the app never "
                    + "hands them to it; the fix is in how it is set up (another store, a bound, an option).";
            case CLOSURE -> where + (site.callee().isEmpty() ? ": it defines the function the leak keeps, once per request."
                    : ": it hands the function the leak keeps to " + site.callee() + ", once per request.");
            case FUNCTION -> where + ": this function makes the objects"
                    + (site.callee().isEmpty() ? "" : " (through " + site.callee() + ")")
                    + "; the exact line was not found, so this is where the function starts.";
        };
    }

    /** The path one hop per span, so that a long one wraps between hops. */
    private static String path(ReadablePath path) {
        StringBuilder html = new StringBuilder("<code class=\"path\"><span class=\"start\">")
                .append(escape(path.start().text())).append("</span>");
        for (int i = 0; i < path.hops().size(); i++) {
            ReadablePath.Hop hop = path.hops().get(i);
            html.append(" › <span class=\"hop\">");
            if (hop.isElided()) {
                html.append("… ").append(NumberText.count(hop.repeats())).append(" more …");
            } else {
                html.append(escape(hop.edge()));
                boolean last = i == path.hops().size() - 1;
                if (hop.repeats() > 1) {
                    html.append(" <span class=\"object\">").append(escape(hop.objectInParentheses()))
                            .append("</span> ×").append(NumberText.count(hop.repeats()));
                } else if (last) {
                    html.append("</span> › <span class=\"hop\"><strong>").append(escape(hop.object())).append("</strong>");
                } else {
                    html.append(" <span class=\"object\">").append(escape(hop.objectInParentheses())).append("</span>");
                }
            }
            html.append("</span>");
        }
        return html.append("</code>").toString();
    }

    /** A stack outermost first, from the frame that calls into the app's code, the app's own frames in bold. */
    private static String stack(AllocationStack stack) {
        StringBuilder html = new StringBuilder("<code class=\"stack\">");
        List<StackFrame> frames = FindingText.fromTheApp(stack);
        int left = stack.frames().size() - frames.size();
        if (left > 0) {
            html.append("<span class=\"muted\" title=\"").append(left).append(" frames of Node and packages\">…</span> › ");
        }
        for (int i = 0; i < frames.size(); i++) {
            StackFrame frame = frames.get(i);
            String text = escape(frame.text());
            html.append(i == 0 ? "" : " › ")
                    .append(frame.origin() == StackFrame.Origin.APP ? "<strong>" + text + "</strong>" : text);
        }
        return html.append("</code>").toString();
    }


    /** The findings the leak makes grow, cause first, folded: they are its symptoms, not further leaks. */
    private static void findingsOf(StringBuilder page, Leak leak) {
        int count = leak.findings().size();
        page.append("<details class=\"findings\"><summary>").append(count == 1 ? "The finding" : count + " findings")
                .append(" behind this leak: ").append(escape(FindingText.findingNames(leak))).append("</summary>")
                .append("<table><thead><tr><th>constructor</th><th>shape</th><th>per request</th><th>per snapshot</th>")
                .append("<th>retained</th><th>kept alive by</th><th>defined at</th></tr></thead><tbody>");
        for (Finding finding : leak.findings()) {
            page.append("<tr><td><code>").append(escape(finding.constructor())).append("</code>")
                    .append(finding == leak.cause() ? " <span class=\"muted\">(cause)</span>" : "")
                    .append("</td><td>").append(finding.shape().label())
                    .append("</td><td class=\"num\">+").append(NumberText.decimal(finding.growthPerRequest())).append(' ')
                    .append(finding.unit())
                    .append("</td><td>").append(Sparkline.svg(finding.perSnapshot())).append("<br>")
                    .append(FindingText.perSnapshot(finding))
                    .append("</td><td class=\"num\">").append(NumberText.bytes(finding.retainedSize()))
                    .append("</td><td><code>").append(escape(finding.retainerPath().text()))
                    .append("</code></td><td><code>").append(escape(FindingText.orNone(finding.location())))
                    .append("</code>");
            if (finding.sampleValue() != null) {
                page.append("<br>sample value: <code>").append(escape(finding.sampleValue())).append("</code>");
            }
            page.append("</td></tr>");
        }
        page.append("</tbody></table></details>");
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
