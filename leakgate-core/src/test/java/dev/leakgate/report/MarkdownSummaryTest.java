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
        assertTrue(summary.contains("| `RequestRecord` | count | +1.00 |"));
        assertTrue(summary.contains(" objects | "), "the unit of the values per snapshot");
        assertTrue(summary.contains("`server.js:15:13`"));
        assertTrue(summary.contains("target/leakgate/report.html"));
    }

    @Test
    void growthThatDoesNotFailTheBuildIsMarkedSo() {
        String summary = new MarkdownSummary().render(SampleResults.passWithEngineGrowth(), Path.of("report.html"));

        assertTrue(summary.contains("| `(compiled code)` (not failing) | count |"), summary);
    }

    @Test
    void heapTextCannotBreakTheMarkdown() {
        String summary = new MarkdownSummary().render(SampleResults.leak("<img src=x>|`x`"), Path.of("report.html"));

        // Inside a code span GitHub shows <img> as text; an entity there would show as "&lt;".
        assertTrue(summary.contains("| `<img src=x>\\|'x'` |"), summary);
        assertFalse(summary.replaceAll("`[^`]*`", "").contains("<img"), "HTML outside a code span");
    }
}
