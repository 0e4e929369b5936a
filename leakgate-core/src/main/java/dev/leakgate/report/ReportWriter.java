package dev.leakgate.report;

import dev.leakgate.result.GateResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes every report of a run into the output directory: report.json, report.html, TEST-leakgate.xml. */
public final class ReportWriter {

    private final JsonReport json = new JsonReport();
    private final HtmlReport html = new HtmlReport();
    private final JUnitReport junit = new JUnitReport();

    /** @return the HTML report, the one to point people at */
    public Path writeAll(GateResult result, Path outputDirectory) throws IOException {
        Files.createDirectories(outputDirectory);
        json.write(result, outputDirectory.resolve("report.json"));
        junit.write(result, outputDirectory.resolve("TEST-leakgate.xml"));
        Path page = outputDirectory.resolve("report.html");
        html.write(result, page);
        return page;
    }
}
