package dev.leakgate.gate;

import dev.leakgate.analysis.LeakThresholds;
import dev.leakgate.load.RequestSpec;
import dev.leakgate.process.LaunchSpec;
import dev.leakgate.result.Setting;
import dev.leakgate.settings.KeepSnapshots;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class GateConfigSettingsTest {

    private final GateConfig config = new GateConfig(
            new LaunchSpec("node", List.of("--max-old-space-size=256"), Path.of("/app"), "server.js", List.of(),
                    Map.of("API_TOKEN", "s3cr3t", "MODE", "test"), 0, "PORT", "/health", Duration.ofSeconds(30),
                    Path.of("/app/target/leakgate/app.log")),
            List.of(RequestSpec.get("/health"), new RequestSpec("POST", "/orders", Map.of(), "{}", "application/json")),
            8, 1000, 3, 2000, Duration.ofSeconds(10), 0, 1.0, LeakThresholds.defaults(), KeepSnapshots.ON_FAILURE,
            Duration.ofSeconds(600), Path.of("/app/target/leakgate"), null, false);

    @Test
    void reportListsTheParametersByTheirMavenNames() {
        Map<String, String> settings = asMap(config.settings());

        assertEquals("server.js", settings.get("script"));
        assertEquals("--max-old-space-size=256", settings.get("nodeOptions"));
        assertEquals("GET /health, POST /orders", settings.get("requests"));
        assertEquals("2000", settings.get("requestsPerRound"));
        assertEquals("onFailure", settings.get("keepSnapshots"));
    }

    @Test
    void environmentIsListedByNameOnlyBecauseValuesAreOftenCredentials() {
        assertEquals("API_TOKEN, MODE", asMap(config.settings()).get("environment"));
        assertFalse(config.settings().toString().contains("s3cr3t"));
    }

    private static Map<String, String> asMap(List<Setting> settings) {
        return settings.stream().collect(java.util.stream.Collectors.toMap(Setting::name, Setting::value));
    }
}
