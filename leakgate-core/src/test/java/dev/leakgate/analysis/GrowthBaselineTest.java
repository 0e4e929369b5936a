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
    void recordsEachLeakOfTheAppByItsIdButNotTheEnginesAndReadsItBack() throws IOException {
        Leak sessions = SampleLeaks.leak("Session", 1.0, Judgement.LEAK, LeakOrigin.UNKNOWN);
        Leak compiled = SampleLeaks.leak("(compiled code)", 0.2, Judgement.ENGINE_INTERNAL, LeakOrigin.UNKNOWN);
        Path file = directory.resolve("leakgate-baseline.json");

        files.write(GrowthBaseline.of(List.of(sessions, compiled)), file);
        GrowthBaseline read = files.read(file);

        assertEquals(List.of(new AcceptedGrowth(sessions.id(), "Session objects", 1.0)), read.accepted());
        assertEquals(1.0, read.acceptedFor(sessions.id()));
        assertEquals(0.0, read.acceptedFor("Cart via server.js (module) › carts (Map)"), "another leak has no budget");
        assertTrue(Files.readString(file).contains("\"leak\" : \"Session via server.js (module) › sessions (Map)"),
                Files.readString(file));
    }

    @Test
    void missingFileIsNoBaseline() throws IOException {
        assertEquals(List.of(), files.read(directory.resolve("absent.json")).accepted());
    }

    @Test
    void damagedFileIsRefusedWithItsNameAndTheFix() throws IOException {
        Path file = Files.writeString(directory.resolve("leakgate-baseline.json"),
                "{\"schemaVersion\": 2, \"accepted\": [{\"subject\": \"Session objects\"}]}");

        BaselineFileException e = assertThrows(BaselineFileException.class, () -> files.read(file));

        assertTrue(e.getMessage().startsWith(file + ": entry 1 "), e.getMessage());
        assertTrue(e.getMessage().contains("\"leak\""), e.getMessage());
    }

    @Test
    void baselineOfAnOlderLeakgateIsRefusedWithWhatToDo() throws IOException {
        Path file = Files.writeString(directory.resolve("leakgate-baseline.json"), "{\"schemaVersion\": 1, "
                + "\"accepted\": [{\"constructor\": \"Session\", \"shape\": \"count\", \"growthPerRequest\": 1.0}]}");

        BaselineFileException e = assertThrows(BaselineFileException.class, () -> files.read(file));

        assertTrue(e.getMessage().contains("recorded per constructor (schemaVersion 1)"), e.getMessage());
        assertTrue(e.getMessage().endsWith("Record it again with mvn leakgate:baseline"), e.getMessage());
    }

    @Test
    void growthUpToAQuarterAboveTheBudgetIsWithinIt() {
        assertEquals(1.255, GrowthBaseline.allowance(1.0, 0.005), 1e-9);
        assertEquals(0.005, GrowthBaseline.allowance(0, 0.005), "no budget: the usual limit");
    }
}
