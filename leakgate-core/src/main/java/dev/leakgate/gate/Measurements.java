package dev.leakgate.gate;

import dev.leakgate.analysis.Census;
import dev.leakgate.load.PhaseResult;
import dev.leakgate.result.HeapTimeline;
import dev.leakgate.result.SnapshotInfo;
import dev.leakgate.snapshot.ComparisonRow;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What one run has measured so far; kept apart from the control flow so an early end loses none of it. */
final class Measurements {

    private final List<PhaseResult> phases = new ArrayList<>();
    private final List<Census> censuses = new ArrayList<>();
    private final List<Path> snapshotFiles = new ArrayList<>();
    private List<ComparisonRow> comparison = List.of();
    private String nodeVersion;
    private HeapTimeline heapTimeline = HeapTimeline.empty();
    private String currentPhase = "start-up";

    void startPhase(String phase) {
        currentPhase = phase;
    }

    String currentPhase() {
        return currentPhase;
    }

    void add(PhaseResult phase) {
        phases.add(phase);
    }

    void add(Census census) {
        censuses.add(census);
    }

    /** Recorded before the transfer starts, so that a half-written file is cleaned up too. */
    void snapshotFileStarted(Path file) {
        snapshotFiles.add(file);
    }

    /** The DevTools Comparison view from the baseline to the last snapshot. */
    void comparison(List<ComparisonRow> rows) {
        comparison = List.copyOf(rows);
    }

    List<ComparisonRow> comparison() {
        return comparison;
    }

    void heapTimeline(HeapTimeline timeline) {
        heapTimeline = timeline;
    }

    HeapTimeline heapTimeline() {
        return heapTimeline;
    }

    void nodeVersion(String version) {
        nodeVersion = version;
    }

    List<PhaseResult> phases() {
        return List.copyOf(phases);
    }

    List<Census> censuses() {
        return List.copyOf(censuses);
    }

    List<Path> snapshotFiles() {
        return List.copyOf(snapshotFiles);
    }

    List<SnapshotInfo> snapshots() {
        return censuses.stream().map(SnapshotInfo::of).toList();
    }

    String nodeVersion() {
        return nodeVersion;
    }
}
