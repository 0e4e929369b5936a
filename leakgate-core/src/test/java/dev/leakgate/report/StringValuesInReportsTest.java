package dev.leakgate.report;

import dev.leakgate.result.GateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A string value from the heap reaches a report only as a finding's sample value, which exists only on request. */
class StringValuesInReportsTest {

    private static final String SECRET = "session-token-<4242>";

    @TempDir
    Path directory;

    @Test
    void reportsShowNoSampleValueWhenTheFindingsCarryNone() throws IOException {
        GateResult result = SampleResults.leak("RequestRecord");

        assertFalse(json(result).contains("sampleValue"));
        assertFalse(new HtmlReport().render(result).contains("sample value"));
    }

    @Test
    void reportsShowTheSampleValueOfAStringFindingThatHasOne() throws IOException {
        GateResult result = withStringSample(SampleResults.leak("RequestRecord"));

        assertTrue(json(result).contains("\"sampleValue\" : \"" + SECRET + "\""), json(result));
        assertTrue(new HtmlReport().render(result).contains("sample value: <code>session-token-&lt;4242&gt;</code>"));
    }

    private String json(GateResult result) throws IOException {
        Path file = directory.resolve("report.json");
        new JsonReport().write(result, file);
        return Files.readString(file);
    }

    private static GateResult withStringSample(GateResult result) {
        return new GateResult(result.verdict(), result.reason(), result.leaks().stream()
                .map(leak -> leak.withFindings(leak.findings().stream()
                        .map(finding -> finding.constructor().equals("(string)") ? finding.withSampleValue(SECRET) : finding)
                        .toList()))
                .toList(), result.phases(), result.snapshots(), result.heapTimeline(), result.appLogTail(),
                result.nodeVersion(), result.startedAt(), result.duration(), result.comparison(), result.settings());
    }
}
