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
            if (byKey.put(growth.leak(), growth) != null) {
                throw new IllegalArgumentException("the baseline lists " + growth.leak() + " twice");
            }
        }
    }

    /** The growth of every leak that is the app's own (V8's bookkeeping is never a budget). */
    public static GrowthBaseline of(List<Leak> leaks) {
        return new GrowthBaseline(leaks.stream()
                .filter(leak -> leak.judgement() != Judgement.ENGINE_INTERNAL)
                .map(leak -> new AcceptedGrowth(leak.id(), leak.subject().noun(), leak.subject().growthPerRequest()))
                .toList());
    }

    public List<AcceptedGrowth> accepted() {
        return List.copyOf(byKey.values());
    }

    /** The growth per request recorded for the leak with this id, 0 if none. */
    double acceptedFor(String leakId) {
        AcceptedGrowth growth = byKey.get(leakId);
        return growth == null ? 0 : growth.growthPerRequest();
    }

    /** The growth per request up to which a finding stays within this baseline. */
    static double allowance(double accepted, double limit) {
        return accepted == 0 ? limit : accepted * (1 + TOLERANCE) + limit;
    }
}
