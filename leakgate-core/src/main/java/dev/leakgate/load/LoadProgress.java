package dev.leakgate.load;

import java.time.Duration;

/**
 * Receives reports on a running phase every {@link #interval()}, on a thread of the generator's own, so that a long
 * phase shows signs of life; a phase shorter than one interval reports nothing.
 *
 * <p>A report must return promptly, and at once when its thread is interrupted: the next report waits for it, and the
 * phase's end waits for it too, so that no report arrives after {@link LoadGenerator#run} returned. The load itself
 * never waits for a report.
 */
@FunctionalInterface
public interface LoadProgress {

    /** Reports nothing; the generator then starts no thread for reports. */
    LoadProgress NONE = progress -> { };

    /** How often a phase reports unless the listener says otherwise. */
    Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);

    void report(ProgressSnapshot progress);

    /** Time between two reports, and before the first one. */
    default Duration interval() {
        return DEFAULT_INTERVAL;
    }
}
