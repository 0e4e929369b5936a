package dev.leakgate.gate;

import dev.leakgate.analysis.Finding;
import dev.leakgate.snapshot.HeapSnapshot;

import java.util.List;

/**
 * Shows what growing strings say: for a finding of {@code (string)}, the start of its newest instance's value.
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

    /** @param last the final snapshot, read with its graph */
    static List<Finding> attach(List<Finding> findings, HeapSnapshot last) {
        return findings.stream().map(finding -> withSample(finding, last)).toList();
    }

    private static Finding withSample(Finding finding, HeapSnapshot last) {
        int newest = -1;
        for (int node : last.nodesOf(finding.constructor())) {
            // V8 numbers objects in allocation order: the highest id is the one the last round most surely made.
            if (STRING_TYPE.equals(last.nodeType(node))
                    && (newest < 0 || Integer.compareUnsigned(last.objectId(node), last.objectId(newest)) > 0)) {
                newest = node;
            }
        }
        return newest < 0 ? finding : finding.withSampleValue(abbreviate(last.nodeName(newest)));
    }

    private static String abbreviate(String value) {
        return value.length() <= SAMPLE_LENGTH ? value : value.substring(0, SAMPLE_LENGTH) + "…";
    }
}
