package dev.leakgate.gate;

import dev.leakgate.analysis.Finding;
import dev.leakgate.analysis.Leak;
import dev.leakgate.snapshot.HeapSnapshot;

import java.util.Arrays;
import java.util.List;

/**
 * Shows what growing strings say: for a finding of {@code (string)}, the start of one grown instance's value.
 * Heap strings hold tokens, passwords and personal data, so this runs only when the user sets showStringValues;
 * nothing else in a report quotes a value from the heap.
 */
final class StringSamples {

    /** Enough to recognise a key or a message, short enough to keep most of a secret out. */
    private static final int SAMPLE_LENGTH = 80;
    /** The only node type whose name is its value; concatenated and sliced strings are named after their type. */
    private static final String STRING_TYPE = "string";

    private StringSamples() {
    }

    /**
     * @param last          the final snapshot, read with its graph
     * @param baselineMaxId the highest object id in the baseline snapshot: higher ids were allocated by the rounds
     */
    static List<Leak> attach(List<Leak> leaks, HeapSnapshot last, int baselineMaxId) {
        return leaks.stream().map(leak -> leak.withFindings(leak.findings().stream()
                .map(finding -> withSample(finding, last, baselineMaxId)).toList())).toList();
    }

    /**
     * The middle one, by age, of the strings the rounds left behind. Not the newest: that is as likely to be a
     * value the app caches and replaces (the Date header of the last response) as one of the growing many.
     */
    private static Finding withSample(Finding finding, HeapSnapshot last, int baselineMaxId) {
        int[] grown = Arrays.stream(last.nodesAllocatedAfter(finding.constructor(), baselineMaxId))
                .filter(node -> STRING_TYPE.equals(last.nodeType(node)))
                .toArray();
        return grown.length == 0 ? finding : finding.withSampleValue(abbreviate(last.nodeName(grown[grown.length / 2])));
    }

    private static String abbreviate(String value) {
        return value.length() <= SAMPLE_LENGTH ? value : value.substring(0, SAMPLE_LENGTH) + "…";
    }
}
