package dev.leakgate.analysis;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GrowthBaselineTest {

    @TempDir
    Path directory;

    private final GrowthBaselineFile files = new GrowthBaselineFile();

    @Test
    void recordsTheAppsGrowthButNotTheEnginesAndReadsItBack() throws IOException {
        Finding session = finding("Session", Shape.COUNT, 1.0, Judgement.LEAK, "a › sessions (Map) › Session");
        Finding sessions = finding("Map", Shape.COLLECTION, 2.0, Judgement.LEAK, "a › sessions › Map");
        Finding compiled = finding("(compiled code)", Shape.COUNT, 0.2, Judgement.ENGINE_INTERNAL, null);
        Path file = directory.resolve("leakgate-baseline.json");

        files.write(GrowthBaseline.of(List.of(session, sessions, compiled)), file);
        GrowthBaseline read = files.read(file);

        assertEquals(List.of(new AcceptedGrowth("Session", Shape.COUNT, null, 1.0),
                new AcceptedGrowth("Map", Shape.COLLECTION, "a › sessions › Map", 2.0)), read.accepted());
        assertEquals(1.0, read.acceptedFor("Session", Shape.COUNT, null));
        assertEquals(2.0, read.acceptedFor("Map", Shape.COLLECTION, "a › sessions › Map"));
        assertEquals(0.0, read.acceptedFor("Map", Shape.COLLECTION, "a › carts › Map"), "another Map has no budget");
    }

    @Test
    void missingFileIsNoBaseline() throws IOException {
        assertEquals(List.of(), files.read(directory.resolve("absent.json")).accepted());
    }

    @Test
    void damagedFileIsRefusedWithItsNameAndTheFix() throws IOException {
        Path file = Files.writeString(directory.resolve("leakgate-baseline.json"), "{\"schemaVersion\": 1, \"accepted\": [{\"shape\": \"count\"}]}");

        BaselineFileException e = assertThrows(BaselineFileException.class, () -> files.read(file));

        assertTrue(e.getMessage().startsWith(file + ": entry 1 "), e.getMessage());
        assertTrue(e.getMessage().contains("constructor"), e.getMessage());
    }

    @Test
    void growthUpToAQuarterAboveTheBudgetIsWithinIt() {
        assertEquals(1.255, GrowthBaseline.allowance(1.0, 0.005), 1e-9);
        assertEquals(0.005, GrowthBaseline.allowance(0, 0.005), "no budget: the usual limit");
    }

    private static Finding finding(String constructor, Shape shape, double growth, Judgement judgement, String path) {
        return new Finding(constructor, shape, List.of(0L, 1L), growth, 100, path, null, List.of(), List.of(),
                judgement, 0, null);
    }
}
