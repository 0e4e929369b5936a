package dev.leakgate.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarkdownSummaryTest {

    @TempDir
    Path directory;

    @Test
    void summaryNamesVerdictFindingsAndReport() throws Exception {
        Path file = directory.resolve("summary.md");
        Files.writeString(file, "earlier step\n");

        new MarkdownSummary().appendTo(SampleResults.leak("RequestRecord"), Path.of("target/leakgate/report.html"), file);

        String summary = Files.readString(file);
        assertTrue(summary.startsWith("earlier step\n"), "appends, never overwrites other steps' summaries");
        assertTrue(summary.contains("### leakgate: LEAK"));
        assertTrue(summary.contains("| 1 | `server.js:22:12` | `sessions.set keeps RequestRecord objects (+1.00 per "
                + "request)` | `server.js (module) › sessions (Map) › {table} (array) › [12] › RequestRecord` | 93.8 KB |"),
                summary);
        assertTrue(summary.contains("target/leakgate/report.html"));
    }

    @Test
    void growthThatDoesNotFailTheBuildIsMarkedSo() {
        String summary = new MarkdownSummary().render(SampleResults.passWithEngineGrowth(), Path.of("report.html"));

        assertTrue(summary.contains("| `(compiled code) objects (+0.10 per request) kept by sessions (Map)` (not failing) |"),
                summary);
    }

    @Test
    void heapTextCannotBreakTheMarkdown() {
        String summary = new MarkdownSummary().render(SampleResults.leak("<img src=x>|`x`"), Path.of("report.html"));

        // Inside a code span GitHub shows <img> as text; an entity there would show as "&lt;".
        assertTrue(summary.contains("`sessions.set keeps <img src=x>\\|'x' objects (+1.00 per request)`"), summary);
        assertFalse(summary.replaceAll("`[^`]*`", "").contains("<img"), "HTML outside a code span");
    }
}
