package dev.leakgate.analysis;

/** How a leak shows in the snapshot series (see DESIGN.md, "What counts as a leak"). */
public enum Shape {
    /** A constructor's live instances rise every round. */
    COUNT
}
