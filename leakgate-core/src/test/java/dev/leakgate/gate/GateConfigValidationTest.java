package dev.leakgate.gate;

import dev.leakgate.analysis.LeakThresholds;
import dev.leakgate.load.RequestSpec;
import dev.leakgate.process.LaunchSpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GateConfigValidationTest {

    private static final LaunchSpec LAUNCH = new LaunchSpec("node", List.of(), Path.of("app"), "server.js", List.of(),
            Map.of(), 0, "PORT", "/", Duration.ofSeconds(30), Path.of("target/leakgate/app.log"));

    @Test
    void acceptsAnySubSecondTimeoutAsTheMessageForAWrongOneSays() {
        config(Duration.ofMillis(500), Duration.ofMillis(500));
    }

    @Test
    void rejectsTimeoutsThatAreNotPositiveNamingTheParameter() {
        assertEquals("requestTimeout must be positive, was 0 s",
                assertThrows(InvalidConfigurationException.class, () -> config(Duration.ZERO, Duration.ofSeconds(600)))
                        .getMessage());
        assertEquals("timeout must be positive, was -1 s",
                assertThrows(InvalidConfigurationException.class, () -> config(Duration.ofSeconds(10), Duration.ofSeconds(-1)))
                        .getMessage());
    }

    @Test
    void rejectsMoreConnectionsThanTheLoadGeneratorOpensBeforeTheAppStarts() {
        assertEquals("connections must be between 1 and 10000, was 10001",
                assertThrows(InvalidConfigurationException.class, () -> config(10_001)).getMessage());
        assertEquals("connections must be between 1 and 10000, was 0",
                assertThrows(InvalidConfigurationException.class, () -> config(0)).getMessage());
    }

    private static GateConfig config(Duration requestTimeout, Duration timeout) {
        return config(8, requestTimeout, timeout);
    }

    private static GateConfig config(int connections) {
        return config(connections, Duration.ofSeconds(10), Duration.ofSeconds(600));
    }

    private static GateConfig config(int connections, Duration requestTimeout, Duration timeout) {
        return new GateConfig(LAUNCH, List.of(RequestSpec.get("/")), connections, 1000, 3, 2000, requestTimeout, 0, 1.0,
                LeakThresholds.defaults(), KeepSnapshots.ON_FAILURE, timeout, Path.of("target/leakgate"), null, false);
    }
}
