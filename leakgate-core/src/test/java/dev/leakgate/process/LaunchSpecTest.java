package dev.leakgate.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LaunchSpecTest {

    @Test
    void rejectsAPortOutsideTheTcpRangeNamingTheParameter() {
        assertRejected("port must be 0 (pick a free port) or 1-65535, was 70000",
                () -> spec(70_000, "PORT", "/", Duration.ofSeconds(30)));
        assertRejected("port must be 0 (pick a free port) or 1-65535, was -1", () -> spec(-1, "PORT", "/", Duration.ofSeconds(30)));
    }

    @Test
    void rejectsABlankPortVariable() {
        assertRejected("portVariable must name the environment variable that carries the port, e.g. PORT",
                () -> spec(0, " ", "/", Duration.ofSeconds(30)));
    }

    @Test
    void rejectsAReadyPathWithoutLeadingSlash() {
        assertRejected("readyPath must start with '/', was 'health'", () -> spec(0, "PORT", "health", Duration.ofSeconds(30)));
        assertRejected("readyPath must be a valid URL path (characters such as | { } and spaces percent-encoded), "
                + "was '/a|b'", () -> spec(0, "PORT", "/a|b", Duration.ofSeconds(30)));
    }

    @Test
    void rejectsAStartupTimeoutThatIsNotPositive() {
        assertRejected("startupTimeout must be positive, was 0 s", () -> spec(0, "PORT", "/", Duration.ZERO));
        assertRejected("startupTimeout must be positive, was -5 s", () -> spec(0, "PORT", "/", Duration.ofSeconds(-5)));
    }

    @Test
    void acceptsTheEdgesOfEachRange() {
        spec(0, "PORT", "/", Duration.ofMillis(1));
        spec(65_535, "APP_PORT", "/health?deep=1", Duration.ofMinutes(10));
    }

    private static LaunchSpec spec(int port, String portVariable, String readyPath, Duration startupTimeout) {
        return new LaunchSpec("node", List.of(), Path.of("app"), "server.js", List.of(), Map.of(), port, portVariable,
                readyPath, startupTimeout, Path.of("target/leakgate/app.log"));
    }

    private static void assertRejected(String message, Runnable construction) {
        IllegalArgumentException rejected = assertThrows(IllegalArgumentException.class, construction::run);
        assertEquals(message, rejected.getMessage());
    }
}
