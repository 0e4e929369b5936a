package dev.leakgate.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlReportTest {

    private final HtmlReport report = new HtmlReport();

    @Test
    void markupInAClassNameIsShownAsText() {
        String page = report.render(SampleResults.leak("<img src=x onerror=alert(1)>"));

        assertFalse(page.contains("<img"), "heap content must never become markup");
        assertTrue(page.contains("&lt;img src=x onerror=alert(1)&gt;"));
    }

    @Test
    void leakPageNamesTheFindingWithItsPathLocationAndChart() {
        String page = report.render(SampleResults.leak("RequestRecord"));

        assertTrue(page.contains("leakgate: LEAK"));
        assertTrue(page.contains("RequestRecord"));
        assertTrue(page.contains("server.js:15:13"));
        assertTrue(page.contains("seen (Array) › [42]"));
        assertTrue(page.contains("<svg"), "each finding has its chart");
        assertTrue(page.contains("listening &lt;on&gt; 3000"), "app output is escaped");
    }

    @Test
    void heapTimelineIsDrawnWithItsMarks() {
        String page = report.render(SampleResults.leak("RequestRecord"));

        assertTrue(page.contains("<svg class=\"timeline\""));
        assertTrue(page.contains("<polyline class=\"heap\""));
        assertTrue(page.contains("warm-up &lt;1&gt;"), "phase labels are escaped");
        assertTrue(page.contains("class=\"mark snapshot\""));
    }

    @Test
    void runSettingsAndNodeVersionAreListedEscaped() {
        String page = report.render(SampleResults.leak("RequestRecord"));

        assertTrue(page.contains("<th>Node</th><td>v20.0.0</td>"));
        assertTrue(page.contains("<th>script</th><td><code>server&lt;1&gt;.js</code></td>"));
    }

    @Test
    void pageLoadsNothingFromTheNetwork() {
        String page = report.render(SampleResults.leak("RequestRecord"));

        assertFalse(page.contains("http://") || page.contains("https://") || page.contains("<script src"),
                "the report must open offline from a CI artifact");
    }
}
