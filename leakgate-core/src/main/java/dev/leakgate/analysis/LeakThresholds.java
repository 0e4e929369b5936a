package dev.leakgate.analysis;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What growth is tolerated.
 *
 * @param maxObjectsPerRequest live instances a constructor (or references a collection) may gain per request in
 *                             every round without being a leak
 * @param maxBytesPerRequest   bytes a constructor may gain per request in every round without being a leak
 * @param rules                per-constructor limits that replace the two above
 * @param ignoredConstructors  constructors never reported at all
 * @param baseline             growth accepted per finding, recorded earlier by the {@code baseline} goal
 */
public record LeakThresholds(double maxObjectsPerRequest, double maxBytesPerRequest, List<ConstructorRule> rules,
                             Set<String> ignoredConstructors, GrowthBaseline baseline) {

    /**
     * Half of the slowest leak a gate must catch out of the box (1 object per 100 requests), so that such a
     * leak clears the threshold in every round even when a round's count comes out a little low.
     */
    public static final double DEFAULT_MAX_OBJECTS_PER_REQUEST = 0.005;

    /**
     * Bytes per request: 4 KB over a round of 1,000 requests. Clean apps stay far below it once warmed up
     * (the noise is a few hundred bytes a round), while a string or Buffer that gains a line per request
     * exceeds it. Leaks of whole objects are caught by their count long before their bytes.
     */
    public static final double DEFAULT_MAX_BYTES_PER_REQUEST = 4.0;

    /** V8's own bookkeeping: grows with JIT and feedback after any warm-up, never the app's leak by itself. */
    public static final Set<String> ENGINE_INTERNALS = Set.of(
            "(system)", "(compiled code)", "(object shape)");

    /** How Node names the native objects of its own it reports in a snapshot. */
    private static final String NODE_NATIVE_PREFIX = "Node / ";

    public LeakThresholds {
        requireLimit("maxObjectsPerRequest", maxObjectsPerRequest);
        requireLimit("maxBytesPerRequest", maxBytesPerRequest);
        rules = List.copyOf(rules);
        ignoredConstructors = Set.copyOf(ignoredConstructors);
        Map<String, ConstructorRule> seen = new HashMap<>();
        for (ConstructorRule rule : rules) {
            if (seen.put(rule.constructor(), rule) != null) {
                throw new IllegalArgumentException("two rules for " + rule.constructor() + ": merge them into one");
            }
        }
    }

    public static LeakThresholds defaults() {
        return new LeakThresholds(DEFAULT_MAX_OBJECTS_PER_REQUEST, DEFAULT_MAX_BYTES_PER_REQUEST, List.of(), Set.of(),
                GrowthBaseline.NONE);
    }

    /** Instances (or collection references) the constructor may gain per request. */
    public double maxObjectsPerRequest(String constructor) {
        Double ruled = rule(constructor) == null ? null : rule(constructor).maxObjectsPerRequest();
        return ruled == null ? maxObjectsPerRequest : ruled;
    }

    /** Bytes the constructor may gain per request. */
    public double maxBytesPerRequest(String constructor) {
        Double ruled = rule(constructor) == null ? null : rule(constructor).maxBytesPerRequest();
        return ruled == null ? maxBytesPerRequest : ruled;
    }

    /** The limit of a finding's shape: bytes for {@link Shape#BYTES}, objects or references otherwise. */
    public double maxPerRequest(String constructor, Shape shape) {
        return shape == Shape.BYTES ? maxBytesPerRequest(constructor) : maxObjectsPerRequest(constructor);
    }

    public boolean isIgnored(String constructor) {
        return ignoredConstructors.contains(constructor);
    }

    /**
     * V8's own bookkeeping, and Node's native bookkeeping ({@code Node / CleanupQueue}): both grow with what the app's
     * objects make them track, never as a cause of their own.
     */
    public static boolean isEngineInternal(String constructor) {
        return ENGINE_INTERNALS.contains(constructor) || constructor.startsWith(NODE_NATIVE_PREFIX);
    }

    private ConstructorRule rule(String constructor) {
        for (ConstructorRule rule : rules) {
            if (rule.constructor().equals(constructor)) {
                return rule;
            }
        }
        return null;
    }

    static void requireLimit(String name, Double value) {
        if (value != null && (!(value >= 0) || Double.isInfinite(value))) {
            throw new IllegalArgumentException(name + " must be a number >= 0, was " + value);
        }
    }
}
