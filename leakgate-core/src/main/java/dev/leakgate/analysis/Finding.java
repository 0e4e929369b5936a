package dev.leakgate.analysis;

import java.util.List;

/**
 * One constructor that grows with the requests served.
 *
 * @param perSnapshot      the measured value (live instances for {@link Shape#COUNT}) in each snapshot, baseline first
 * @param growthPerRequest growth from baseline to final snapshot divided by the requests served in between
 * @param retainedSize     bytes the constructor's instances keep alive in the final snapshot
 * @param retainerPath     shortest path from the GC roots to one instance allocated during the rounds, or null
 * @param location         where the instance was created, as {@code file:line:column}, or null when V8 gave none
 * @param sampleValue      for strings, the start of one grown instance's value, or null: heap strings can hold
 *                         secrets, so this is set only when the user asks for string values
 */
public record Finding(String constructor, Shape shape, List<Long> perSnapshot, double growthPerRequest,
                      long retainedSize, String retainerPath, String location, String sampleValue) {

    public Finding {
        perSnapshot = List.copyOf(perSnapshot);
    }

    /** A finding without a sample value. */
    public Finding(String constructor, Shape shape, List<Long> perSnapshot, double growthPerRequest,
                   long retainedSize, String retainerPath, String location) {
        this(constructor, shape, perSnapshot, growthPerRequest, retainedSize, retainerPath, location, null);
    }

    public Finding withSampleValue(String value) {
        return new Finding(constructor, shape, perSnapshot, growthPerRequest, retainedSize, retainerPath, location, value);
    }
}
