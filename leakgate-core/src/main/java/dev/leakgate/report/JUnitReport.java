package dev.leakgate.report;

import dev.leakgate.analysis.Finding;
import dev.leakgate.gate.GateResult;
import dev.leakgate.gate.Verdict;
import dev.leakgate.gate.Verdicts;
import dev.leakgate.text.NumberText;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code TEST-leakgate.xml} in the JUnit format Surefire writes, so CI test reporters show a leak as a
 * failed test: one test case for the run itself, one per leaking constructor.
 */
public final class JUnitReport {

    private static final String SUITE = "leakgate";

    private record TestCase(String name, String failureType, String message, String detail) {
        boolean failed() {
            return failureType != null;
        }
    }

    public void write(GateResult result, Path file) throws IOException {
        List<TestCase> cases = testCases(result);
        long failures = cases.stream().filter(c -> c.failed() && !"error".equals(c.failureType())).count();
        long errors = cases.stream().filter(c -> "error".equals(c.failureType())).count();
        try (OutputStream out = Files.newOutputStream(file)) {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", SUITE);
            xml.writeAttribute("tests", Integer.toString(cases.size()));
            xml.writeAttribute("failures", Long.toString(failures));
            xml.writeAttribute("errors", Long.toString(errors));
            xml.writeAttribute("skipped", "0");
            xml.writeAttribute("time", seconds(result));
            for (TestCase testCase : cases) {
                xml.writeStartElement("testcase");
                xml.writeAttribute("classname", SUITE);
                xml.writeAttribute("name", xmlText(testCase.name()));
                xml.writeAttribute("time", "0");
                if (testCase.failed()) {
                    xml.writeStartElement("error".equals(testCase.failureType()) ? "error" : "failure");
                    xml.writeAttribute("message", xmlText(testCase.message()));
                    xml.writeAttribute("type", testCase.failureType());
                    xml.writeCharacters(xmlText(testCase.detail()));
                    xml.writeEndElement();
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<TestCase> testCases(GateResult result) {
        List<TestCase> cases = new ArrayList<>();
        String appLog = String.join("\n", result.appLogTail());
        cases.add(switch (result.verdict()) {
            case CRASH -> new TestCase("app survives the load", "crash", result.reason(), appLog);
            case ERROR -> new TestCase("app survives the load", "error", result.reason(), appLog);
            default -> new TestCase("app survives the load", null, null, null);
        });
        if (result.verdict() == Verdict.PASS) {
            cases.add(new TestCase("no constructor grows per request", null, null, null));
        }
        for (Finding finding : result.findings()) {
            String name = Verdicts.subject(finding) + " does not grow per request";
            if (!finding.failing()) {
                if (finding.acceptedGrowthPerRequest() > 0) {
                    cases.add(new TestCase(Verdicts.subject(finding) + " grows no more than its baseline", null, null, null));
                }
                continue;
            }
            String detail = finding.unit() + " per snapshot: " + FindingText.perSnapshot(finding)
                    + "\nshape: " + finding.shape().label()
                    + "\nretained size: " + NumberText.bytes(finding.retainedSize())
                    + "\nkept alive by: " + FindingText.orNone(finding.retainerPath())
                    + "\nallocated at: " + FindingText.orNone(finding.location())
                    + finding.allocationStacks().stream().map(stack -> "\nallocation stack: " + stack.frames())
                    .collect(Collectors.joining());
            cases.add(new TestCase(name, "leak", Verdicts.describe(finding), detail));
        }
        return cases;
    }

    /**
     * The text with every character XML 1.0 cannot hold replaced by U+FFFD: app output (colour codes) and heap
     * names are data, and a stream writer passes control characters through, which XML parsers refuse.
     */
    private static String xmlText(String text) {
        StringBuilder valid = new StringBuilder(text.length());
        text.codePoints().forEach(c -> valid.appendCodePoint(allowedInXml(c) ? c : 0xfffd));
        return valid.toString();
    }

    private static boolean allowedInXml(int c) {
        return c == 0x9 || c == 0xa || c == 0xd || c >= 0x20 && c <= 0xd7ff || c >= 0xe000 && c <= 0xfffd
                || c >= 0x10000 && c <= 0x10ffff;
    }

    private static String seconds(GateResult result) {
        return String.format(Locale.ROOT, "%.3f", result.duration().toMillis() / 1000.0);
    }
}
