package dev.leakgate.settings;

import dev.leakgate.analysis.ConstructorRule;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A rule written as a user property or a flag: {@code -Dleakgate.rules="Session objects=0.01"}. */
class RuleTextTest {

    @Test
    void readsTheConstructorAndItsLimitsFromTheCommandLineForm() {
        assertEquals(new ConstructorRule("Session", 0.01, null), ruleOf("Session objects=0.01"));
        assertEquals(new ConstructorRule("Buffer", null, 64.0), ruleOf("Buffer bytes=64"));
        assertEquals(new ConstructorRule("system / Context", 1.0, 128.0),
                ruleOf("  system / Context   objects=1 bytes=128 "));
    }

    @Test
    void namesWhatIsWrongWithAMalformedRule() {
        assertMessage("unknown limit 'count'", "Session count=1");
        assertMessage("no number in 'objects=many'", "Session objects=many");
        assertMessage("sets neither maxObjectsPerRequest nor maxBytesPerRequest", "Session");
    }

    private static ConstructorRule ruleOf(String text) {
        return Settings.forCommandLine(Path.of("")).text(Parameters.RULES, text).set(Parameters.SCRIPT, "app.js").build()
                .get(Parameters.RULES).get(0);
    }

    private static void assertMessage(String expected, String text) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> ruleOf(text));
        assertTrue(refused.getMessage().contains(expected), refused.getMessage());
    }
}
