package dev.leakgate.report;

import dev.leakgate.analysis.AllocationStack;
import dev.leakgate.analysis.Finding;
import dev.leakgate.analysis.FixSite;
import dev.leakgate.analysis.Leak;
import dev.leakgate.result.GateResult;
import dev.leakgate.result.Verdict;
import dev.leakgate.result.Verdicts;
import dev.leakgate.text.NumberText;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * {@code TEST-leakgate.xml} in the JUnit format Surefire writes, so CI test reporters show a leak as a
 * failed test: one test case for the run itself, one per leak, named by the leak's id so that the same leak is the
 * same test from build to build.
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
            cases.add(new TestCase("nothing grows per request", null, null, null));
        }
        for (Leak leak : result.leaks()) {
            if (!leak.failing()) {
                if (leak.acceptedGrowthPerRequest() > 0) {
                    cases.add(new TestCase(leak.id(), null, null, null));
                }
                continue;
            }
            cases.add(new TestCase(leak.id(), "leak", Verdicts.describe(leak), detail(leak)));
        }
        return cases;
    }

    /** What the report page says of a leak, as plain text for CI pages that show a failure's detail. */
    private static String detail(Leak leak) {
        StringBuilder detail = new StringBuilder();
        FixSite site = leak.origin().fixSite();
        if (site != null) {
            detail.append("fix site: ").append(site.location().text())
                    .append(site.function().isEmpty() ? "" : " in " + site.function());
            if (!site.code().isEmpty()) {
                detail.append(": ").append(site.code());
            }
            detail.append('\n');
        }
        detail.append("kept by: ").append(leak.retainerPath().text()).append(" (")
                .append(leak.pathShare().describe(leak.subject())).append(")\n");
        if (!leak.origin().requests().isEmpty()) {
            detail.append("requests: ").append(FindingText.requests(leak)).append('\n');
        }
        for (AllocationStack stack : leak.origin().stacks()) {
            detail.append("allocated by: ").append(FindingText.stack(stack)).append(" (")
                    .append(FindingText.stackShare(stack, leak)).append(")\n");
        }
        if (!leak.origin().note().isEmpty()) {
            detail.append("note: ").append(leak.origin().note()).append('\n');
        }
        detail.append("grows: ").append(NumberText.bytes(Math.round(leak.growthPerRequest()))).append(" per request, ")
                .append(NumberText.bytes(leak.retainedSize())).append(" retained\n");
        for (Finding finding : leak.findings()) {
            detail.append("finding: ").append(finding.constructor()).append(" (").append(finding.shape().label())
                    .append(") ").append(FindingText.growth(finding)).append(", per snapshot ")
                    .append(FindingText.perSnapshot(finding)).append('\n');
        }
        return detail.toString();
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
