package dev.leakgate.analysis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The growth an app already had when its team adopted the gate (the {@code baseline} goal writes it to
 * {@code leakgate-baseline.json}): {@code check} then fails only on growth beyond it, so a service that
 * already leaks gets a gate against new leaks and against old ones getting worse.
 */
public final class GrowthBaseline {

    /**
     * How much a recorded growth may vary between runs before it counts as worse: a quarter of it, on top of
     * the usual per-request limit. A leak that doubles is a regression; one measured 10% higher is not.
     */
    static final double TOLERANCE = 0.25;

    public static final GrowthBaseline NONE = new GrowthBaseline(List.of());

    private final Map<String, AcceptedGrowth> byKey = new LinkedHashMap<>();

    public GrowthBaseline(List<AcceptedGrowth> accepted) {
        for (AcceptedGrowth growth : accepted) {
            if (byKey.put(growth.key(), growth) != null) {
                throw new IllegalArgumentException("the baseline lists " + growth.key() + " twice");
            }
        }
    }

    /** The growth of every finding that is the app's own (engine internals are never a budget). */
    public static GrowthBaseline of(List<Finding> findings) {
        return new GrowthBaseline(findings.stream()
                .filter(finding -> finding.judgement() != Judgement.ENGINE_INTERNAL)
                .map(finding -> new AcceptedGrowth(finding.constructor(), finding.shape(), finding.collectionPath(),
                        finding.growthPerRequest()))
                .toList());
    }

    public List<AcceptedGrowth> accepted() {
        return List.copyOf(byKey.values());
    }

    /** The growth per request recorded for this finding's constructor, shape (and collection), 0 if none. */
    double acceptedFor(String constructor, Shape shape, String collectionPath) {
        AcceptedGrowth growth = byKey.get(AcceptedGrowth.key(constructor, shape, collectionPath));
        return growth == null ? 0 : growth.growthPerRequest();
    }

    /** The growth per request up to which a finding stays within this baseline. */
    static double allowance(double accepted, double limit) {
        return accepted == 0 ? limit : accepted * (1 + TOLERANCE) + limit;
    }
}
