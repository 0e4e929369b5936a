package dev.leakgate.analysis;

/** What a finding means for the build. */
public enum Judgement {
    /** Growth beyond what is tolerated: fails the build. */
    LEAK,
    /** Growth the baseline file accepts (see {@link GrowthBaseline}): reported, does not fail the build. */
    WITHIN_BASELINE,
    /**
     * Growth of V8's own bookkeeping ({@link LeakThresholds#ENGINE_INTERNALS}), which follows JIT
     * compilation and type feedback rather than the app's data: reported, never fails a build by itself.
     */
    ENGINE_INTERNAL;

    public boolean failsTheBuild() {
        return this == LEAK;
    }
}
