package dev.leakgate.result;

/** The outcome of a gate run, as {@code report.json} names it. */
public enum Verdict {
    /** Nothing grew with the requests served. */
    PASS,
    /** At least one constructor grew in every round beyond its threshold. */
    LEAK,
    /** The app died while it was measured. */
    CRASH,
    /** The run could not be judged: bad configuration, an app that does not start, failing requests. */
    ERROR
}
