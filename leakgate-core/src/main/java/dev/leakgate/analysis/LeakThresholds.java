package dev.leakgate.analysis;

import java.util.Set;

/**
 * What growth is tolerated.
 *
 * @param maxObjectsPerRequest live instances a constructor may gain per request in every round without being a leak
 * @param ignoredConstructors  constructors never reported (engine internals whose growth is not the app's doing)
 */
public record LeakThresholds(double maxObjectsPerRequest, Set<String> ignoredConstructors) {

    /**
     * Half of the slowest leak a gate must catch out of the box (1 object per 100 requests), so that such a
     * leak clears the threshold in every round even when a round's count comes out a little low.
     */
    public static final double DEFAULT_MAX_OBJECTS_PER_REQUEST = 0.005;

    /** V8's own bookkeeping: grows with JIT and feedback after any warm-up, never the app's leak by itself. */
    public static final Set<String> ENGINE_INTERNALS = Set.of(
            "(system)", "(compiled code)", "(object shape)", "(hidden)", "(code)");

    public LeakThresholds {
        if (!(maxObjectsPerRequest >= 0) || Double.isInfinite(maxObjectsPerRequest)) {
            throw new IllegalArgumentException("maxObjectsPerRequest must be a number >= 0, was " + maxObjectsPerRequest);
        }
        ignoredConstructors = Set.copyOf(ignoredConstructors);
    }

    public static LeakThresholds defaults() {
        return new LeakThresholds(DEFAULT_MAX_OBJECTS_PER_REQUEST, ENGINE_INTERNALS);
    }
}
