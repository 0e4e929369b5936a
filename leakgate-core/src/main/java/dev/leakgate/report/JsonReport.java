package dev.leakgate.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.leakgate.analysis.AllocationStack;
import dev.leakgate.analysis.Finding;
import dev.leakgate.analysis.FixSite;
import dev.leakgate.analysis.Judgement;
import dev.leakgate.analysis.Leak;
import dev.leakgate.analysis.ReadablePath;
import dev.leakgate.analysis.RequestGrowth;
import dev.leakgate.analysis.StackFrame;
import dev.leakgate.load.Latency;
import dev.leakgate.load.PhaseResult;
import dev.leakgate.result.GateResult;
import dev.leakgate.result.HeapTimeline;
import dev.leakgate.result.Setting;
import dev.leakgate.result.SnapshotInfo;
import dev.leakgate.snapshot.ComparisonRow;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report.json}, schema version 2: the contract for tools that read the outcome, documented in
 * {@code docs/report.schema.json}. Version 2 leads with {@code leaks}, one per cause; the flat {@code findings} of
 * version 1 stay, each naming its leak. Fields are only ever added within a schema version, never renamed or removed.
 */
public final class JsonReport {

    public static final int SCHEMA_VERSION = 2;

    private final JsonFactory json = new JsonFactory();

    /**
     * One load phase as the JSON object that {@code load.phases} of {@code report.json} holds for each phase: what
     * {@code leakgate load --json} prints.
     */
    public String phase(PhaseResult phase) {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = json.createGenerator(text)) {
            out.useDefaultPrettyPrinter();
            writePhase(out, phase);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a StringWriter cannot fail", e);
        }
        return text.toString();
    }

    public void write(GateResult result, Path file) throws IOException {
        try (JsonGenerator out = json.createGenerator(file.toFile(), JsonEncoding.UTF8)) {
            out.useDefaultPrettyPrinter();
            out.writeStartObject();
            out.writeNumberField("schemaVersion", SCHEMA_VERSION);
            out.writeStringField("verdict", result.verdict().name());
            out.writeStringField("reason", result.reason());
            out.writeStringField("startedAt", result.startedAt().toString());
            out.writeNumberField("durationMs", result.duration().toMillis());
            if (result.nodeVersion() != null) {
                out.writeStringField("nodeVersion", result.nodeVersion());
            }
            out.writeArrayFieldStart("leaks");
            for (Leak leak : result.leaks()) {
                writeLeak(out, leak);
            }
            out.writeEndArray();
            out.writeArrayFieldStart("findings");
            for (Leak leak : result.leaks()) {
                for (Finding finding : leak.findings()) {
                    writeFinding(out, finding, leak);
                }
            }
            out.writeEndArray();
            writeLoad(out, result);
            writeHeapTimeline(out, result.heapTimeline());
            out.writeArrayFieldStart("snapshots");
            for (SnapshotInfo snapshot : result.snapshots()) {
                out.writeStartObject();
                out.writeStringField("label", snapshot.label());
                out.writeNumberField("nodeCount", snapshot.nodeCount());
                out.writeNumberField("heapUsedBytes", snapshot.heapUsedBytes());
                out.writeEndObject();
            }
            out.writeEndArray();
            writeComparison(out, result);
            out.writeArrayFieldStart("appLogTail");
            for (String line : result.appLogTail()) {
                out.writeString(line);
            }
            out.writeEndArray();
            out.writeObjectFieldStart("settings");
            for (Setting setting : result.settings()) {
                out.writeStringField(setting.name(), setting.value());
            }
            out.writeEndObject();
            out.writeEndObject();
        }
    }

    private static void writeLeak(JsonGenerator out, Leak leak) throws IOException {
        out.writeStartObject();
        out.writeStringField("id", leak.id());
        out.writeStringField("title", leak.title());
        out.writeBooleanField("failing", leak.failing());
        out.writeStringField("judgement", judgement(leak.judgement()));
        if (leak.acceptedGrowthPerRequest() > 0) {
            out.writeNumberField("acceptedGrowthPerRequest", leak.acceptedGrowthPerRequest());
        }
        out.writeStringField("thread", leak.thread());
        FixSite site = leak.origin().fixSite();
        out.writeStringField("fixSite", site == null ? null : site.location().text());
        if (site != null) {
            out.writeObjectFieldStart("fix");
            out.writeStringField("function", site.function());
            out.writeStringField("kind", site.kind().name().toLowerCase(Locale.ROOT));
            out.writeStringField("code", site.code());
            out.writeStringField("callee", site.callee());
            out.writeEndObject();
        }
        out.writeObjectFieldStart("subject");
        out.writeStringField("label", leak.subject().label());
        out.writeStringField("constructor", leak.subject().constructor());
        out.writeStringField("shape", leak.subject().shape().label());
        out.writeNumberField("growthPerRequest", leak.subject().growthPerRequest());
        out.writeEndObject();
        out.writeNumberField("growthPerRequest", leak.growthPerRequest());
        out.writeNumberField("retainedSize", leak.retainedSize());
        out.writeStringField("retainerPath", leak.retainerPath().text());
        writePath(out, leak.retainerPath());
        out.writeObjectFieldStart("pathShare");
        out.writeNumberField("count", leak.pathShare().count());
        out.writeNumberField("total", leak.pathShare().total());
        out.writeEndObject();
        out.writeArrayFieldStart("requests");
        for (RequestGrowth request : leak.origin().requests()) {
            out.writeStartObject();
            out.writeStringField("request", request.request());
            out.writeNumberField("growthPerRequest", request.growthPerRequest());
            out.writeNumberField("requestsSent", request.requestsSent());
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeArrayFieldStart("allocationStacks");
        for (AllocationStack stack : leak.origin().stacks()) {
            writeStack(out, stack);
        }
        out.writeEndArray();
        if (!leak.origin().note().isEmpty()) {
            out.writeStringField("note", leak.origin().note());
        }
        out.writeArrayFieldStart("findings");
        for (Finding finding : leak.findings()) {
            writeFinding(out, finding, leak);
        }
        out.writeEndArray();
        out.writeEndObject();
    }

    /** The path's parts as the report shows them, for tools that render it their own way. */
    private static void writePath(JsonGenerator out, ReadablePath path) throws IOException {
        out.writeObjectFieldStart("retainerPathParts");
        out.writeStringField("start", path.start().kind().name().toLowerCase(Locale.ROOT));
        out.writeStringField("startName", path.start().name());
        out.writeArrayFieldStart("hops");
        for (ReadablePath.Hop hop : path.hops()) {
            out.writeStartObject();
            out.writeStringField("edge", hop.edge());
            out.writeStringField("kind", hop.kind().name().toLowerCase(Locale.ROOT));
            out.writeStringField("object", hop.object());
            out.writeNumberField("repeats", hop.repeats());
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeEndObject();
    }

    private static void writeStack(JsonGenerator out, AllocationStack stack) throws IOException {
        out.writeStartObject();
        out.writeNumberField("objects", stack.objects());
        out.writeNumberField("bytes", stack.bytes());
        out.writeArrayFieldStart("frames");
        for (StackFrame frame : stack.frames()) {
            out.writeStartObject();
            out.writeStringField("function", frame.function());
            out.writeStringField("location", frame.location() == null ? null : frame.location().text());
            out.writeStringField("origin", frame.origin().name().toLowerCase(Locale.ROOT));
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeEndObject();
    }

    private static void writeFinding(JsonGenerator out, Finding finding, Leak leak) throws IOException {
        out.writeStartObject();
        out.writeStringField("constructor", finding.constructor());
        out.writeStringField("shape", finding.shape().label());
        out.writeArrayFieldStart("perSnapshot");
        for (long value : finding.perSnapshot()) {
            out.writeNumber(value);
        }
        out.writeEndArray();
        out.writeNumberField("growthPerRequest", finding.growthPerRequest());
        out.writeNumberField("retainedSize", finding.retainedSize());
        out.writeStringField("retainerPath", finding.retainerPath().text());
        out.writeStringField("location", finding.location() == null ? null : finding.location().text());
        if (finding.sampleValue() != null) {
            out.writeStringField("sampleValue", finding.sampleValue());
        }
        out.writeBooleanField("failing", finding.failing());
        out.writeStringField("judgement", judgement(finding.judgement()));
        out.writeStringField("leak", leak.id());
        out.writeArrayFieldStart("survivorsPerRound");
        for (long survivors : finding.survivorsPerRound()) {
            out.writeNumber(survivors);
        }
        out.writeEndArray();
        out.writeEndObject();
    }

    /** The DevTools Comparison view from the baseline to the last snapshot, one object per constructor. */
    private static void writeComparison(JsonGenerator out, GateResult result) throws IOException {
        out.writeArrayFieldStart("comparison");
        for (ComparisonRow row : result.comparison()) {
            out.writeStartObject();
            out.writeStringField("constructor", row.constructor());
            out.writeNumberField("newCount", row.newCount());
            out.writeNumberField("deletedCount", row.deletedCount());
            out.writeNumberField("countDelta", row.countDelta());
            out.writeNumberField("allocatedSize", row.allocatedSize());
            out.writeNumberField("freedSize", row.freedSize());
            out.writeNumberField("sizeDelta", row.sizeDelta());
            out.writeEndObject();
        }
        out.writeEndArray();
    }

    /** {@code leak}, {@code withinBaseline}, {@code engineInternal}. */
    private static String judgement(Judgement judgement) {
        return switch (judgement) {
            case LEAK -> "leak";
            case WITHIN_BASELINE -> "withinBaseline";
            case ENGINE_INTERNAL -> "engineInternal";
        };
    }

    private static void writeLoad(JsonGenerator out, GateResult result) throws IOException {
        out.writeObjectFieldStart("load");
        PhaseResult totals = PhaseResult.combine("all phases", result.phases());
        out.writeNumberField("requests", totals.requests());
        out.writeNumberField("errors", totals.failed());
        out.writeNumberField("requestsPerSecond", totals.requestsPerSecond());
        writeLatency(out, totals.latency());
        out.writeArrayFieldStart("phases");
        for (PhaseResult phase : result.phases()) {
            writePhase(out, phase);
        }
        out.writeEndArray();
        out.writeEndObject();
    }

    private static void writeHeapTimeline(JsonGenerator out, HeapTimeline timeline) throws IOException {
        out.writeObjectFieldStart("heapTimeline");
        out.writeArrayFieldStart("samples");
        for (HeapTimeline.Sample sample : timeline.samples()) {
            out.writeStartObject();
            out.writeNumberField("atMs", sample.atMillis());
            out.writeNumberField("usedBytes", sample.usedBytes());
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeArrayFieldStart("marks");
        for (HeapTimeline.Mark mark : timeline.marks()) {
            out.writeStartObject();
            out.writeNumberField("atMs", mark.atMillis());
            out.writeStringField("kind", mark.kind().name().toLowerCase(Locale.ROOT));
            out.writeStringField("label", mark.label());
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeEndObject();
    }

    private static void writePhase(JsonGenerator out, PhaseResult phase) throws IOException {
        out.writeStartObject();
        out.writeStringField("phase", phase.phase());
        out.writeNumberField("requests", phase.requests());
        out.writeNumberField("errors", phase.failed());
        out.writeNumberField("requestsPerSecond", phase.requestsPerSecond());
        out.writeNumberField("durationMs", phase.elapsed().toMillis());
        out.writeNumberField("bytesRead", phase.bytesRead());
        writeLatency(out, phase.latency());
        out.writeObjectFieldStart("statusCodes");
        for (Map.Entry<Integer, Long> status : phase.statusCounts().entrySet()) {
            out.writeNumberField(Integer.toString(status.getKey()), status.getValue());
        }
        out.writeEndObject();
        out.writeObjectFieldStart("errorsByKind");
        for (Map.Entry<String, Long> error : phase.errorsByKind().entrySet()) {
            out.writeNumberField(error.getKey(), error.getValue());
        }
        out.writeEndObject();
        out.writeEndObject();
    }

    private static void writeLatency(JsonGenerator out, Latency latency) throws IOException {
        out.writeObjectFieldStart("latencyMs");
        out.writeNumberField("p50", latency.p50());
        out.writeNumberField("p90", latency.p90());
        out.writeNumberField("p99", latency.p99());
        out.writeNumberField("p99_9", latency.p999());
        out.writeNumberField("max", latency.max());
        out.writeEndObject();
    }
}
