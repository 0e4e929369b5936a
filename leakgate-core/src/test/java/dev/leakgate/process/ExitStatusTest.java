package dev.leakgate.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExitStatusTest {

    @Test
    void describesAnOrdinaryExitByItsCode() {
        assertEquals("exited with code 1", ExitStatus.describe(1));
    }

    @Test
    void readsCodesAbove128AsSignals() {
        assertEquals("was killed by signal 15 (SIGTERM, exit code 143)", ExitStatus.describe(143));
    }

    @Test
    void pointsAtMemoryWhenNodeAborted() {
        assertTrue(ExitStatus.describe(134).contains("runs out of memory"), ExitStatus.describe(134));
    }
}
