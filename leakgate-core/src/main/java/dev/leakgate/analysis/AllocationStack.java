package dev.leakgate.analysis;

/**
 * A call stack that allocated memory still alive at the end of the run, from V8's sampling heap profiler.
 *
 * @param frames the frames around the app's, outermost first, e.g. {@code server.js:14 handler › pushRecord}
 * @param site   the function the stack was matched by, as {@code file:line} of its start
 * @param bytes  V8's estimate of the surviving bytes this stack allocated during the measured rounds
 */
public record AllocationStack(String frames, String site, long bytes) {
}
