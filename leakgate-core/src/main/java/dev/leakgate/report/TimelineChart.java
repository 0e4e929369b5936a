package dev.leakgate.report;

import dev.leakgate.result.HeapTimeline;
import dev.leakgate.text.DurationText;
import dev.leakgate.text.NumberText;

import java.util.Locale;

import static dev.leakgate.report.Html.escape;

/** The heap-over-time chart of report.html: heap used as a line, phases, GCs and snapshots as marks. */
final class TimelineChart {

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 240;
    private static final int LEFT = 64;
    private static final int RIGHT = 12;
    private static final int TOP = 24;
    private static final int BOTTOM = 28;

    private TimelineChart() {
    }

    static String svg(HeapTimeline timeline) {
        long endMillis = Math.max(1, Math.max(
                timeline.samples().stream().mapToLong(HeapTimeline.Sample::atMillis).max().orElse(0),
                timeline.marks().stream().mapToLong(HeapTimeline.Mark::atMillis).max().orElse(0)));
        long maxBytes = Math.max(1, timeline.samples().stream().mapToLong(HeapTimeline.Sample::usedBytes).max().orElse(0));
        double top = maxBytes * 1.1;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"timeline\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"heap used over the run\">");
        axes(svg, endMillis, top);
        for (HeapTimeline.Mark mark : timeline.marks()) {
            double x = x(mark.atMillis(), endMillis);
            String kind = mark.kind().name().toLowerCase(Locale.ROOT);
            svg.append(String.format(Locale.ROOT, "<line class=\"mark %s\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\">",
                    kind, x, x, TOP, HEIGHT - BOTTOM)).append("<title>").append(escape(mark.label()))
                    .append(" at ").append(DurationText.of(java.time.Duration.ofMillis(mark.atMillis())))
                    .append("</title></line>");
            if (mark.kind() == HeapTimeline.MarkKind.PHASE) {
                svg.append(String.format(Locale.ROOT, "<text class=\"phase\" x=\"%.1f\" y=\"%d\">", x + 3, TOP - 8))
                        .append(escape(mark.label())).append("</text>");
            }
        }
        StringBuilder points = new StringBuilder();
        for (HeapTimeline.Sample sample : timeline.samples()) {
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(sample.atMillis(), endMillis),
                    y(sample.usedBytes(), top)));
        }
        svg.append("<polyline class=\"heap\" points=\"").append(points.toString().trim()).append("\"/></svg>");
        return svg.toString();
    }

    private static void axes(StringBuilder svg, long endMillis, double top) {
        int bottom = HEIGHT - BOTTOM;
        svg.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>",
                LEFT, WIDTH - RIGHT, bottom, bottom));
        svg.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>",
                LEFT, LEFT, TOP, bottom));
        for (int tick = 0; tick <= 4; tick++) {
            double bytes = top * tick / 4;
            svg.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
                    LEFT - 6, y(bytes, top) + 4, NumberText.bytes((long) bytes)));
        }
        svg.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%d\" y=\"%d\">0 s</text>", LEFT, HEIGHT - 8));
        svg.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>",
                WIDTH - RIGHT, HEIGHT - 8, DurationText.of(java.time.Duration.ofMillis(endMillis))));
    }

    private static double x(long atMillis, long endMillis) {
        return LEFT + (WIDTH - LEFT - RIGHT) * (double) atMillis / endMillis;
    }

    private static double y(double bytes, double top) {
        return (HEIGHT - BOTTOM) - (HEIGHT - BOTTOM - TOP) * bytes / top;
    }
}
