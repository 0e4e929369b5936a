package dev.leakgate.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leakgate.analysis.ConstructorRule;
import org.junit.jupiter.api.Test;

class RuleTest {

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
        Rule rule = new Rule();
        rule.set(text);
        return rule.toRule();
    }

    private static void assertMessage(String expected, String text) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> ruleOf(text));
        assertTrue(refused.getMessage().contains(expected), refused.getMessage());
    }
}
