package dev.leakgate.snapshot;

import java.io.IOException;
import java.io.OutputStream;

/** Something that writes one snapshot's JSON, such as an inspector session taking a heap snapshot. */
@FunctionalInterface
public interface SnapshotSource {

    /** Writes the whole snapshot to {@code out}, which stays open, and returns when it is written. */
    void writeTo(OutputStream out) throws IOException, InterruptedException;
}
