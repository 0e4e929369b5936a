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
    void leakLeadsWithItsFixSiteAndTitleThenWhatKeepsItWithItsFindingsFolded() {
        String page = report.render(SampleResults.leak("RequestRecord"));

        assertTrue(page.contains("leakgate: LEAK"));
        int heading = page.indexOf("<h3>1. <code class=\"site\">server.js:22:12</code> "
                + "sessions.set keeps RequestRecord objects (+1.00 per request)</h3>");
        int code = page.indexOf("<span class=\"lineno\">22</span>sessions.set(session.id, session);");
        int path = page.indexOf("<span class=\"hop\">sessions <span class=\"object\">(Map)</span></span>");
        int stack = page.indexOf("<strong>server.js:16 sessionFor</strong>");
        int findings = page.indexOf("<details class=\"findings\"><summary>2 findings behind this leak: "
                + "RequestRecord, (string)</summary>");
        assertTrue(heading > 0 && heading < code && code < path && path < stack && stack < findings, page);
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
