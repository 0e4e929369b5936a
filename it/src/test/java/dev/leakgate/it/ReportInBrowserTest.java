package dev.leakgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.leakgate.report.ReportWriter;
import dev.leakgate.result.GateResult;
import dev.leakgate.result.Verdict;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report of a real leaking run, as a browser shows it: opened from disk in headless Chromium. */
class ReportInBrowserTest {

    private static final String MARKUP = "<img src=x onerror=alert(1)>";

    @TempDir
    static Path output;

    private static HeadlessChromium browser;

    private static GateResult result;

    @BeforeAll
    static void renderTheReportOfALeakingRun() throws Exception {
        result = AppUnderTest.judge("report/markup-leak.js", output);
        assertEquals(Verdict.LEAK, result.verdict(), result.reason());
        Path page = new ReportWriter().writeAll(result, output);
        browser = HeadlessChromium.open(page);
    }

    @AfterAll
    static void closeBrowser() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void pageLeadsWithTheLeaksTitleAndFixSiteAndFoldsItsFindingsUnderIt() throws Exception {
        assertEquals("leakgate: LEAK", browser.evaluate("document.querySelector('.banner h1').textContent"));
        // What a reader sees first below the verdict: the leak, by the line to change.
        assertEquals("1. report/markup-leak.js:9:3 kept.push keeps {" + MARKUP + ", at} objects (+1.00 per request)",
                browser.evaluate("document.querySelector('main h2 + article.leak h3').textContent"));
        assertEquals("kept.push({ [MARKUP]: req.url, at: new Date() });",
                browser.evaluate("document.querySelector('article.leak pre.code').textContent.replace(/^\\d+/, '')"));
        assertEquals(Integer.toString(result.failingLeaks().size()),
                browser.evaluate("String(document.querySelectorAll('article.leak.failing').length)"));
        // Its symptoms sit under it, folded: there, but not shown until asked for.
        assertEquals("false", browser.evaluate("String(document.querySelector('article.leak details.findings').open)"));
        assertEquals("false", browser.evaluate("String(document.querySelector('article.leak details.findings table')"
                + ".checkVisibility())"));
        assertTrue(Integer.parseInt(browser.evaluate("String(document.querySelectorAll("
                + "'article.leak details.findings tbody tr').length)")) >= 2, "the cause and its symptoms");
    }

    @Test
    void markupFromTheHeapShowsAsTextNotAsAnElement() throws Exception {
        assertEquals("0", browser.evaluate("String(document.querySelectorAll('img').length)"));
        String names = browser.evaluate("JSON.stringify([...document.querySelectorAll('article.leak details td:first-child code')]"
                + ".map(code => code.textContent))");
        assertTrue(names.contains("\"{" + MARKUP + ", at}\""), "finding names as rendered: " + names);
    }

    @Test
    void everyFindingUnfoldedHasADrawnChart() throws Exception {
        String charts;
        try {
            browser.evaluate("document.querySelectorAll('details.findings').forEach(details => details.open = true), ''");
            charts = browser.evaluate("JSON.stringify([...document.querySelectorAll('details.findings tbody tr')].map("
                    + "row => { const line = row.querySelector('svg polyline'); "
                    + "return line ? line.getBBox().width : 0; }))");
        } finally {
            browser.evaluate("document.querySelectorAll('details.findings').forEach(details => details.open = false), ''");
        }
        assertTrue(!charts.equals("[]") && !charts.matches(".*\\b0\\b.*"), "chart widths per finding: " + charts);
    }

    @Test
    void clickingAColumnHeaderSortsTheTableByIt() throws Exception {
        String order = "JSON.stringify([...document.querySelectorAll('#snapshots tbody tr')]"
                + ".map(row => row.cells[0].textContent))";
        assertEquals("[\"baseline\",\"round 1\",\"round 2\",\"round 3\"]", browser.evaluate(order));

        browser.evaluate("document.querySelector('#snapshots th:nth-child(2)').click(), ''");
        assertEquals("[\"round 3\",\"round 2\",\"round 1\",\"baseline\"]", browser.evaluate(order),
                "most objects first: the heap grew every round");

        browser.evaluate("document.querySelector('#snapshots th:nth-child(2)').click(), ''");
        assertEquals("[\"baseline\",\"round 1\",\"round 2\",\"round 3\"]", browser.evaluate(order));
    }

    @Test
    void comparisonTableSortsByDeltaAndFiltersByConstructor() throws Exception {
        String deltas = "JSON.stringify([...document.querySelectorAll('#comparison tbody tr')].filter(row => !row.hidden)"
                + ".map(row => Number(row.cells[3].dataset.value)))";
        browser.evaluate("document.querySelector('#comparison th:nth-child(4)').click(), ''");
        List<Long> sorted = numbers(browser.evaluate(deltas));
        assertTrue(sorted.size() > 3, "rows: " + sorted);
        assertEquals(sorted.stream().sorted(Comparator.reverseOrder()).toList(), sorted, "# Delta, largest first");

        browser.evaluate("(() => { const input = document.querySelector('input[data-filter=comparison]');"
                + " input.value = 'img src'; input.dispatchEvent(new Event('input')); return ''; })()");
        String shown = browser.evaluate("JSON.stringify([...document.querySelectorAll('#comparison tbody tr')]"
                + ".filter(row => !row.hidden).map(row => row.cells[0].textContent))");
        assertEquals("[\"{" + MARKUP + ", at}\"]", shown);
    }

    @Test
    void junitXmlOfTheSameRunFollowsTheSurefireFormatWithOneFailurePerLeak() throws Exception {
        Path xml = output.resolve("TEST-leakgate.xml");
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(Path.of("../docs/junit-report.xsd").toFile())
                .newValidator().validate(new StreamSource(xml.toFile()));

        long failing = result.failingLeaks().size();
        Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile()).getDocumentElement();
        assertTrue(failing >= 1);
        assertEquals(failing, suite.getElementsByTagName("failure").getLength());
        assertEquals(Long.toString(failing), suite.getAttribute("failures"));
    }

    private static List<Long> numbers(String jsonArray) {
        String inner = jsonArray.substring(1, jsonArray.length() - 1);
        return inner.isEmpty() ? List.of() : Arrays.stream(inner.split(",")).map(Long::parseLong).toList();
    }

    @Test
    void heapTimelineIsDrawnAcrossTheRun() throws Exception {
        String width = browser.evaluate("String(document.querySelector('svg.timeline polyline.heap').getBBox().width)");
        assertTrue(Double.parseDouble(width) > 100, "heap line width: " + width);
        assertEquals("5", browser.evaluate("String(document.querySelectorAll('svg.timeline line.mark.snapshot').length)"),
                "one mark per snapshot: baseline, 3 rounds and the diagnosis");
    }

    @Test
    void reportJsonOfTheSameRunFollowsItsDocumentedSchema() throws Exception {
        JsonSchema schema;
        try (var in = Files.newInputStream(Path.of("../docs/report.schema.json"))) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
        JsonNode report = new ObjectMapper().readTree(output.resolve("report.json").toFile());

        assertEquals(Set.of(), schema.validate(report));
        assertEquals("LEAK", report.get("verdict").asText());
    }
}
