package dev.leakgate.gate;

import dev.leakgate.settings.KeepSnapshots;
import dev.leakgate.snapshot.HeapSnapshotReader;
import dev.leakgate.snapshot.HeapSummary;
import dev.leakgate.snapshot.ReadMode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a snapshot while the inspector streams it, and writes it to its file on the way unless no snapshot is ever
 * kept: the one way every snapshot of a run arrives, whichever call takes it.
 */
final class SnapshotCapture {

    /** A call that streams one snapshot's JSON into the stream given. */
    @FunctionalInterface
    interface Transfer {
        void to(OutputStream out) throws IOException, InterruptedException;
    }

    private final GateConfig config;
    private final HeapSnapshotReader reader;
    private final Measurements measured;

    SnapshotCapture(GateConfig config, HeapSnapshotReader reader, Measurements measured) {
        this.config = config;
        this.reader = reader;
        this.measured = measured;
    }

    /** The file a snapshot of this name is written to, in {@code outputDirectory/snapshots}. */
    Path file(String name) {
        return config.outputDirectory().resolve("snapshots").resolve(name + ".heapsnapshot");
    }

    <S extends HeapSummary> S read(Path file, ReadMode<S> mode, Transfer transfer) throws IOException, InterruptedException {
        return reader.read(parser -> copy(parser, file, transfer), file.toString(), mode);
    }

    private void copy(OutputStream parser, Path file, Transfer transfer) throws IOException, InterruptedException {
        if (config.keepSnapshots() == KeepSnapshots.NEVER) {
            transfer.to(parser);
            return;
        }
        measured.snapshotFileStarted(file);
        try (OutputStream copy = Files.newOutputStream(file)) {
            transfer.to(new TeeOutputStream(parser, copy));
        }
    }
}
