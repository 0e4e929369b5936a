package dev.leakgate.analysis;

import dev.leakgate.snapshot.ConstructorTotal;
import dev.leakgate.snapshot.HeapSnapshot;
import dev.leakgate.snapshot.ReadMode;
import dev.leakgate.snapshot.SnapshotJson;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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

    private static final long REQUESTS_PER_ROUND = 1000;
    private static final double MINIMUM_PER_ROUND = LeakThresholds.DEFAULT_MAX_OBJECTS_PER_REQUEST * REQUESTS_PER_ROUND;
    private static final int ROUNDS = 3;
    private static final int GROWTH_PER_ROUND = 100;

    @Test
    void growthInEveryRoundIsALeak() {
        assertTrue(leaks(100, 1100, 2100, 3100));
    }

    @Test
    void slowLeakOfOneObjectPerHundredRequestsIsCaught() {
        assertTrue(leaks(100, 110, 120, 130));
    }

    @Test
    void growthThatStopsIsNotALeak() {
        assertFalse(leaks(0, 500, 500, 500));
    }

    @Test
    void growthThatRisesAndFallsIsNotALeak() {
        assertFalse(leaks(10, 60, 20, 90));
    }

    @Test
    void growthThatIsDyingDownIsNotALeak() {
        // A cache still filling up, ever more slowly: every round grows, but the last by a tenth of the first.
        assertFalse(leaks(0, 1000, 1300, 1400));
    }

    @Test
    void growthBelowTheThresholdIsNotALeak() {
        assertFalse(leaks(100, 104, 108, 112));
    }

    @Test
    void countGrowthThatLeftSurvivorsFromEveryRoundIsALeak() throws IOException {
        GrowingHeap heap = GrowingHeap.of("Session");

        assertEquals(List.of("Session"), failing(LeakThresholds.defaults(), heap.series(), heap.last()));
    }

    @Test
    void countGrowthWhoseSurvivorsAllComeFromTheLastRoundIsNoLeak() throws IOException {
        // A cache flushed at a size: its count creeps up, but everything alive was made in the last round.
        GrowingHeap heap = GrowingHeap.of("Session");

        assertEquals(List.of(), failing(LeakThresholds.defaults(), heap.seriesWithSurvivorsOfTheLastRoundOnly(),
                heap.last()));
    }

    @Test
    void userIgnoredConstructorIsNotReported() throws IOException {
        LeakThresholds ignoringSessions = new LeakThresholds(0.005, 4, List.of(), Set.of("Session"),
                GrowthBaseline.NONE);
        GrowingHeap heap = GrowingHeap.of("Session");

        List<Leak> leaks = analyzer(ignoringSessions).analyze(heap.series(), heap.last(), REQUESTS_PER_ROUND);

        assertEquals(List.of(), leaks);
    }

    @Test
    void ruleForOneConstructorReplacesTheGeneralLimit() throws IOException {
        LeakThresholds pool = new LeakThresholds(0.005, 4, List.of(new ConstructorRule("PooledSocket", 0.5, null)),
                Set.of(), GrowthBaseline.NONE);
        GrowingHeap heap = GrowingHeap.of("PooledSocket", "Session");

        assertEquals(List.of("Session"), failing(pool, heap.series(), heap.last()));
        assertEquals(0.5, pool.maxObjectsPerRequest("PooledSocket"));
        assertEquals(4, pool.maxBytesPerRequest("PooledSocket"), "a limit the rule leaves out stays the general one");
    }

    @Test
    void survivorsFromOneRoundOnlyAreNoLeak() {
        assertFalse(RoundSurvivors.everyRoundLeftSome(List.of(0L, 0L, 201L), 5));
        assertTrue(RoundSurvivors.everyRoundLeftSome(List.of(10L, 9L, 11L), 5));
    }

    @Test
    void singleSnapshotCannotShowGrowth() throws IOException {
        GrowingHeap heap = GrowingHeap.of("Session");
        SeriesAnalyzer analyzer = analyzer(LeakThresholds.defaults());

        assertThrows(IllegalArgumentException.class,
                () -> analyzer.analyze(heap.series().subList(ROUNDS, ROUNDS + 1), heap.last(), REQUESTS_PER_ROUND));
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

    private static boolean leaks(long... counts) {
        return GrowthRule.growsInEveryRound(Arrays.stream(counts).boxed().toList(), MINIMUM_PER_ROUND);
    }

    private static SeriesAnalyzer analyzer(LeakThresholds thresholds) {
        return new SeriesAnalyzer(thresholds, ScriptCatalog.empty(Path.of(".")));
    }

    /** The constructors of the failing findings, most severe first. */
    private static List<String> failing(LeakThresholds thresholds, List<Census> series, HeapSnapshot last) {
        return SeriesAnalyzer.findingsOf(analyzer(thresholds).analyze(series, last, REQUESTS_PER_ROUND)).stream()
                .filter(Finding::failing).map(Finding::constructor).toList();
    }

    /**
     * An app whose constructors each gained {@link #GROWTH_PER_ROUND} objects in each of {@link #ROUNDS} rounds, all
     * still alive: the final snapshot, and the newest object id of every snapshot, baseline first.
     */
    private record GrowingHeap(List<String> constructors, HeapSnapshot last, int[] newestIds) {

        static GrowingHeap of(String... constructors) throws IOException {
            SnapshotJson heap = new SnapshotJson();
            int[] newestIds = new int[ROUNDS + 1];
            newestIds[0] = SnapshotJson.id(heap.root());
            for (int round = 1; round <= ROUNDS; round++) {
                for (int i = 0; i < GROWTH_PER_ROUND; i++) {
                    for (String constructor : constructors) {
                        int object = heap.node("object", constructor, 32);
                        heap.edge(heap.root(), "element", Integer.toString(object), object);
                        newestIds[round] = SnapshotJson.id(object);
                    }
                }
            }
            return new GrowingHeap(List.of(constructors), heap.read(ReadMode.GRAPH), newestIds);
        }

        /** The census of every snapshot as the gate takes them: the earlier ones reduced, the last one in full. */
        List<Census> series() {
            return series(newestIds);
        }

        /** The same counts, but every surviving object's id says the last round made it. */
        List<Census> seriesWithSurvivorsOfTheLastRoundOnly() {
            int[] maxIds = new int[ROUNDS + 1];
            Arrays.fill(maxIds, newestIds[0]);
            maxIds[ROUNDS] = newestIds[ROUNDS];
            return series(maxIds);
        }

        private List<Census> series(int[] maxObjectIds) {
            List<Census> series = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                Map<String, ConstructorTotal> totals = new HashMap<>();
                int count = round * GROWTH_PER_ROUND;
                for (String constructor : constructors) {
                    totals.put(constructor, new ConstructorTotal(constructor, count, 32L * count));
                }
                int objects = count * constructors.size();
                series.add(new Census("s" + round, objects + 1, 32L * objects, maxObjectIds[round], totals, Map.of()));
            }
            Census last = Census.of("s" + ROUNDS, this.last);
            series.add(new Census(last.label(), last.nodeCount(), last.totalSize(), maxObjectIds[ROUNDS],
                    last.constructors(), last.collections()));
            return series;
        }
    }
}
