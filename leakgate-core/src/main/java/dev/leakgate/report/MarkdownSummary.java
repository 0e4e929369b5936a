package dev.leakgate.report;

import dev.leakgate.analysis.FixSite;
import dev.leakgate.analysis.Leak;
import dev.leakgate.load.PhaseResult;
import dev.leakgate.result.GateResult;
import dev.leakgate.text.NumberText;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A Markdown summary of a run for CI pages, e.g. GitHub's job summary ({@code GITHUB_STEP_SUMMARY}).
 * Heap and app text is put in code spans with backticks removed, so it cannot turn into markup or links.
 */
public final class MarkdownSummary {

    private static final int MAX_LEAKS = 10;

    /** Appends the summary to {@code file}, creating it if needed; CI systems collect several steps in one file. */
    public void appendTo(GateResult result, Path reportPage, Path file) throws IOException {
        Files.writeString(file, render(result, reportPage), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    String render(GateResult result, Path reportPage) {
        StringBuilder md = new StringBuilder();
        md.append("### leakgate: ").append(result.verdict()).append("\n\n")
                .append(plain(result.reason())).append("\n\n");
        if (!result.leaks().isEmpty()) {
            md.append("| | fix site | leak | kept by | retained |\n")
                    .append("|---|---|---|---|---:|\n");
            int rank = 1;
            for (Leak leak : result.leaks().subList(0, Math.min(MAX_LEAKS, result.leaks().size()))) {
                FixSite site = leak.origin().fixSite();
                String notFailing = FindingText.notFailing(leak);
                md.append("| ").append(rank++)
                        .append(" | ").append(site == null ? "" : code(site.location().text()))
                        .append(" | ").append(code(leak.title()))
                        .append(leak.thread().equals(Leak.MAIN_THREAD) ? "" : " in " + leak.thread()).append(notFailing.isEmpty() ? "" : " (not failing)")
                        .append(" | ").append(code(leak.retainerPath().text()))
                        .append(" | ").append(NumberText.bytes(leak.retainedSize()))
                        .append(" |\n");
            }
            if (result.leaks().size() > MAX_LEAKS) {
                md.append("\n").append(result.leaks().size() - MAX_LEAKS).append(" more in the report.\n");
            }
            md.append('\n');
        }
        if (!result.phases().isEmpty()) {
            PhaseResult load = PhaseResult.combine("all phases", result.phases());
            md.append("Load: ").append(NumberText.count(load.requests())).append(" requests, ")
                    .append(NumberText.decimal(load.requestsPerSecond())).append(" req/s, p99 ")
                    .append(NumberText.decimal(load.latency().p99())).append(" ms, ")
                    .append(NumberText.count(load.failed())).append(" failed.\n\n");
        }
        md.append("Report: ").append(code(reportPage.toString())).append("\n\n");
        return md.toString();
    }

    /** A code span shows its text as it is, HTML included; only line breaks, pipes and backticks need care. */
    private static String code(String text) {
        return "`" + oneTableCell(text).replace("`", "'") + "`";
    }

    /** One line, no table breaks, no HTML. */
    private static String plain(String text) {
        return oneTableCell(text).replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String oneTableCell(String text) {
        return text.replace('\n', ' ').replace('\r', ' ').replace("|", "\\|");
    }
}
