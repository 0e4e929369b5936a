package dev.leakgate.load;

/** Latency percentiles of a phase, in milliseconds. */
public record Latency(double p50, double p90, double p99, double p999, double max) {
}
