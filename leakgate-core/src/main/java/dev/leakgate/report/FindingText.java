package dev.leakgate.report;

import dev.leakgate.analysis.Finding;
import dev.leakgate.text.NumberText;

import java.util.stream.Collectors;

/** The parts of a finding every report writes, written the same way in each. */
final class FindingText {

    private FindingText() {
    }

    /** The values per snapshot, oldest first: {@code 1,001 → 3,001 → 5,001}. */
    static String perSnapshot(Finding finding) {
        return finding.perSnapshot().stream().map(NumberText::count).collect(Collectors.joining(" → "));
    }

    /** A retainer path or source location, or "-" where the finding has none. */
    static String orNone(String value) {
        return value == null ? "-" : value;
    }
}
