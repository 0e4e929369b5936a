package dev.leakgate.analysis;

import java.util.List;

/**
 * Something that grows with the requests served: a constructor's instances or bytes, or one collection.
 *
 * @param constructor       the constructor; for a {@link Shape#COLLECTION} the collection's own ({@code Map}, {@code Array})
 * @param perSnapshot       the measured value in each snapshot, baseline first: live instances ({@link Shape#COUNT}),
 *                          bytes ({@link Shape#BYTES}) or the collection's references ({@link Shape#COLLECTION})
 * @param growthPerRequest  growth from baseline to final snapshot divided by the requests served in between
 * @param retainedSize      bytes the constructor's instances (or the collection) keep alive in the final snapshot
 * @param retainerPath      shortest path from the GC roots to one grown instance, or to the collection, as text (which
 *                          says so when there is none)
 * @param location          where the instance was created, as {@code file:line:column}; for a collection, where the app
 *                          fills it ({@code file:line}, its top allocation site) when the allocations were sampled;
 *                          null when V8 gave none
 * @param survivorsPerRound per measured round, the objects allocated in it that are still alive at the end (for a
 *                          collection: the ones it refers to); empty for {@link Shape#BYTES}
 * @param allocationStacks  where the surviving sampled memory that matches this finding was allocated, most bytes first
 * @param judgement         what the finding means for the build
 * @param acceptedGrowthPerRequest growth per request the baseline accepts for it, 0 without one
 * @param sampleValue       for strings, the start of one grown instance's value, or null: heap strings can hold
 *                          secrets, so this is set only when the user asks for string values
 */
public record Finding(String constructor, Shape shape, List<Long> perSnapshot, double growthPerRequest,
                      long retainedSize, String retainerPath, String location, List<Long> survivorsPerRound,
                      List<AllocationStack> allocationStacks, Judgement judgement, double acceptedGrowthPerRequest,
                      String sampleValue) {

    public Finding {
        perSnapshot = List.copyOf(perSnapshot);
        survivorsPerRound = List.copyOf(survivorsPerRound);
        allocationStacks = List.copyOf(allocationStacks);
    }

    public Finding withSampleValue(String value) {
        return new Finding(constructor, shape, perSnapshot, growthPerRequest, retainedSize, retainerPath, location,
                survivorsPerRound, allocationStacks, judgement, acceptedGrowthPerRequest, value);
    }

    public boolean failing() {
        return judgement.failsTheBuild();
    }

    /** What a collection finding is told apart by in a baseline: its retainer path; null for other shapes. */
    public String collectionPath() {
        return shape == Shape.COLLECTION ? retainerPath : null;
    }

    /** How the growth is counted, for sentences: "objects", "bytes" or "references". */
    public String unit() {
        return switch (shape) {
            case COUNT -> "objects";
            case BYTES -> "bytes";
            case COLLECTION -> "references";
        };
    }
}
