package dev.leakgate.analysis;

import java.util.List;

/**
 * Something that grows with the requests served: a constructor's instances or bytes, or one collection. A finding is
 * a symptom or the cause of a {@link Leak}, which groups the findings one cause makes grow.
 *
 * @param constructor       the constructor; for a {@link Shape#COLLECTION} the collection's own ({@code Map}, {@code Array})
 * @param perSnapshot       the measured value in each snapshot, baseline first: live instances ({@link Shape#COUNT}),
 *                          bytes ({@link Shape#BYTES}) or the collection's references ({@link Shape#COLLECTION})
 * @param growthPerRequest  growth from baseline to final snapshot divided by the requests served in between
 * @param retainedSize      bytes the constructor's instances (or the collection) keep alive in the final snapshot
 * @param retainerPath      the shortest path from the GC roots to one grown instance, or to the collection
 * @param location          where the instance's function or constructor is defined; null when V8 gave none
 * @param survivorsPerRound per measured round, the objects allocated in it that are still alive at the end (for a
 *                          collection: the ones it refers to); empty for {@link Shape#BYTES}
 * @param judgement         what the finding means for the build
 * @param sampleValue       for strings, the start of one grown instance's value, or null: heap strings can hold
 *                          secrets, so this is set only when the user asks for string values
 */
public record Finding(String constructor, Shape shape, List<Long> perSnapshot, double growthPerRequest,
                      long retainedSize, ReadablePath retainerPath, CodeLocation location, List<Long> survivorsPerRound,
                      Judgement judgement, String sampleValue) {

    public Finding {
        perSnapshot = List.copyOf(perSnapshot);
        survivorsPerRound = List.copyOf(survivorsPerRound);
    }

    public Finding withSampleValue(String value) {
        return new Finding(constructor, shape, perSnapshot, growthPerRequest, retainedSize, retainerPath, location,
                survivorsPerRound, judgement, value);
    }

    Finding withJudgement(Judgement newJudgement) {
        return new Finding(constructor, shape, perSnapshot, growthPerRequest, retainedSize, retainerPath, location,
                survivorsPerRound, newJudgement, sampleValue);
    }

    public boolean failing() {
        return judgement.failsTheBuild();
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
