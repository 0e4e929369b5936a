package dev.leakgate.result;

/** One parameter of a run as the user named it, with its value as the run used it, for the report. */
public record Setting(String name, String value) {
}
