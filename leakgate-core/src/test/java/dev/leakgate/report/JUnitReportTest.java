package dev.leakgate.report;

import dev.leakgate.result.GateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JUnitReportTest {

    @TempDir
    Path directory;

    @Test
    void everyLeakIsOneFailedTestCaseNamedByItsId() throws Exception {
        GateResult result = SampleResults.leak("RequestRecord");
        Element suite = write(result);

        assertEquals("2", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
        Element testCase = (Element) suite.getElementsByTagName("testcase").item(1);
        assertEquals(result.leaks().get(0).id(), testCase.getAttribute("name"));
        Element failure = (Element) testCase.getElementsByTagName("failure").item(0);
        assertEquals("server.js:22:12 sessions.set keeps RequestRecord objects (+1.00 per request)",
                failure.getAttribute("message"));
        assertTrue(failure.getTextContent().startsWith("fix site: server.js:22:12 in sessionFor: "
                + "sessions.set(session.id, session);\nkept by: server.js (module) › sessions (Map)"), failure.getTextContent());
    }

    @Test
    void growthThatDoesNotFailTheBuildIsNoFailedTestCase() throws Exception {
        Element suite = write(SampleResults.passWithEngineGrowth());

        assertEquals("0", suite.getAttribute("failures"));
        assertEquals(0, suite.getElementsByTagName("failure").getLength());
    }

    @Test
    void passingRunHasNoFailures() throws Exception {
        Element suite = write(SampleResults.pass());

        assertEquals("2", suite.getAttribute("tests"));
        assertEquals("0", suite.getAttribute("failures"));
        assertEquals("0", suite.getAttribute("errors"));
    }

    @Test
    void reportsOfEveryVerdictFollowTheSurefireReportFormat() throws Exception {
        Schema schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(Path.of("../docs/junit-report.xsd").toFile());
        for (GateResult result : List.of(SampleResults.leak("<Weird & \"quoted\">"), SampleResults.pass(),
                GateResult.notStarted("rounds must be at least 2", Instant.now()))) {
            Path file = directory.resolve("TEST-" + result.verdict() + ".xml");
            new JUnitReport().write(result, file);
            schema.newValidator().validate(new StreamSource(file.toFile()));
        }
    }

    @Test
    void controlCharactersFromTheAppOrTheHeapBecomeReplacementCharactersSoTheXmlStillParses() throws Exception {
        Element leak = write(SampleResults.leak("Record\u0001"));
        assertTrue(((Element) leak.getElementsByTagName("testcase").item(1)).getAttribute("name")
                .startsWith("Record\ufffd via server.js (module)"));

        Element error = write(GateResult.notStarted("\u001b[31mport 3000 is in use\u001b[0m", Instant.now()));
        assertEquals("\ufffd[31mport 3000 is in use\ufffd[0m",
                ((Element) error.getElementsByTagName("error").item(0)).getAttribute("message"));
    }

    private Element write(GateResult result) throws Exception {
        Path file = directory.resolve("TEST-leakgate.xml");
        new JUnitReport().write(result, file);
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        return document.getDocumentElement();
    }
}
