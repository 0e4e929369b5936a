package dev.leakgate.analysis;

import dev.leakgate.snapshot.ConstructorTotal;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which count series make a leak, with 1,000 requests per round and the default threshold (5 per round). */
class GrowthRuleTest {

    private final SeriesAnalyzer analyzer = new SeriesAnalyzer(LeakThresholds.defaults(), ScriptCatalog.empty(Path.of(".")));

    @Test
    void growthInEveryRoundIsALeak() {
        assertEquals(List.of("Session"), growing("Session", 100, 1100, 2100, 3100));
    }

    @Test
    void slowLeakOfOneObjectPerHundredRequestsIsCaught() {
        assertEquals(List.of("Session"), growing("Session", 100, 110, 120, 130));
    }

    @Test
    void growthThatStopsIsNotALeak() {
        assertEquals(List.of(), growing("LazyConfig", 0, 500, 500, 500));
    }

    @Test
    void growthThatRisesAndFallsIsNotALeak() {
        assertEquals(List.of(), growing("Timeout", 10, 60, 20, 90));
    }

    @Test
    void growthThatIsDyingDownIsNotALeak() {
        // A cache still filling up, ever more slowly: every round grows, but the last by a tenth of the first.
        assertEquals(List.of(), growing("CatalogEntry", 0, 1000, 1300, 1400));
    }

    @Test
    void growthBelowTheThresholdIsNotALeak() {
        assertEquals(List.of(), growing("Jitter", 100, 104, 108, 112));
    }

    @Test
    void userIgnoredConstructorIsNotReported() {
        SeriesAnalyzer lenient = new SeriesAnalyzer(new LeakThresholds(0.005, 4, List.of(), Set.of("Session"),
                GrowthBaseline.NONE), ScriptCatalog.empty(Path.of(".")));
        assertEquals(List.of(), lenient.growingConstructors(series("Session", 100, 1100, 2100, 3100), 1000));
    }

    @Test
    void ruleForOneConstructorReplacesTheGeneralLimit() {
        LeakThresholds pool = new LeakThresholds(0.005, 4, List.of(new ConstructorRule("PooledSocket", 0.5, null)),
                Set.of(), GrowthBaseline.NONE);
        SeriesAnalyzer analyzer = new SeriesAnalyzer(pool, ScriptCatalog.empty(Path.of(".")));

        assertEquals(List.of(), analyzer.growingConstructors(series("PooledSocket", 0, 100, 200, 300), 1000));
        assertEquals(List.of("Session"), analyzer.growingConstructors(series("Session", 0, 100, 200, 300), 1000));
        assertEquals(0.5, pool.maxObjectsPerRequest("PooledSocket"));
        assertEquals(4, pool.maxBytesPerRequest("PooledSocket"), "a limit the rule leaves out stays the general one");
    }

    @Test
    void survivorsFromOneRoundOnlyAreNoLeak() {
        // A cache flushed at a size: its count may creep up, but everything alive was made in the last round.
        assertFalse(RoundSurvivors.everyRoundLeftSome(List.of(0L, 0L, 201L), 5));
        assertTrue(RoundSurvivors.everyRoundLeftSome(List.of(10L, 9L, 11L), 5));
    }

    @Test
    void singleSnapshotCannotShowGrowth() {
        assertThrows(IllegalArgumentException.class, () -> analyzer.growingConstructors(series("Session", 1), 1000));
    }

    @Test
    void negativeOrMissingLimitsAreRefusedWithTheirName() {
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> new LeakThresholds(-1, 4, List.of(), Set.of(), GrowthBaseline.NONE));
        assertTrue(negative.getMessage().contains("maxObjectsPerRequest"), negative.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> new ConstructorRule("Session", null, null));
        assertTrue(empty.getMessage().contains("Session"), empty.getMessage());
    }

    private List<String> growing(String constructor, int... counts) {
        return analyzer.growingConstructors(series(constructor, counts), 1000);
    }

    private static List<Census> series(String constructor, int... counts) {
        List<Census> series = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            Map<String, ConstructorTotal> totals = new HashMap<>();
            totals.put(constructor, new ConstructorTotal(constructor, counts[i], 32L * counts[i]));
            totals.put("Object", new ConstructorTotal("Object", 5000, 160_000));
            series.add(new Census("s" + i, 10_000, 1_000_000, 1000 * (i + 1), totals, Map.of()));
        }
        return series;
    }
}
