package dev.leakgate.report;

import java.util.List;
import java.util.Locale;

/** A small inline SVG line chart of one finding's value per snapshot. */
final class Sparkline {

    private static final int WIDTH = 160;
    private static final int HEIGHT = 36;
    private static final int PAD = 4;

    private Sparkline() {
    }

    static String svg(List<Long> values) {
        long min = values.stream().mapToLong(Long::longValue).min().orElse(0);
        long max = values.stream().mapToLong(Long::longValue).max().orElse(0);
        double range = Math.max(1, max - min);
        StringBuilder points = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            double x = PAD + (values.size() == 1 ? 0 : (WIDTH - 2.0 * PAD) * i / (values.size() - 1));
            double y = HEIGHT - PAD - (HEIGHT - 2.0 * PAD) * (values.get(i) - min) / range;
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            dots.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\"/>", x, y));
        }
        return "<svg class=\"spark\" width=\"" + WIDTH + "\" height=\"" + HEIGHT + "\" viewBox=\"0 0 " + WIDTH + " "
                + HEIGHT + "\" role=\"img\" aria-label=\"value per snapshot\"><polyline points=\""
                + points.toString().trim() + "\"/>" + dots + "</svg>";
    }
}
