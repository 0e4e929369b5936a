package dev.leakgate.gate;

import dev.leakgate.TestNode;
import dev.leakgate.analysis.LeakThresholds;
import dev.leakgate.load.RequestSpec;
import dev.leakgate.process.LaunchSpec;
import dev.leakgate.process.NodeLauncher;
import dev.leakgate.settings.KeepSnapshots;
import dev.leakgate.snapshot.HeapSnapshotReader;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A build in miniature for {@link KilledBuildTest}: runs a gate whose first round lasts minutes, printing what
 * the gate says on stdout, until the test kills this JVM. Arguments: the output directory.
 */
public final class GateInChildJvm {

    private GateInChildJvm() {
    }

    public static void main(String[] args) {
        Path output = Path.of(args[0]);
        LaunchSpec launch = new LaunchSpec(TestNode.EXECUTABLE, List.of(), Path.of("src/test/node/gate").toAbsolutePath(), "app.js",
                List.of("family"), Map.of(), 0, "PORT", "/", Duration.ofSeconds(20), output.resolve("app.log"));
        // 100,000 requests at 200 per second: round 1 outlasts the test by far.
        GateConfig config = new GateConfig(launch, List.of(RequestSpec.get("/")), 2, 0, 2, 100_000,
                Duration.ofSeconds(5), 200, 1.0, LeakThresholds.defaults(), KeepSnapshots.NEVER, Duration.ofMinutes(10),
                output, null, false);
        new Gate(new NodeLauncher(), new HeapSnapshotReader(), new Console() {
            @Override
            public void info(String message) {
                System.out.println(message);
            }

            @Override
            public void warn(String message) {
                System.out.println(message);
            }

            @Override
            public void appOutput(String line) {
                System.out.println("[app] " + line);
            }
        }, Clock.systemUTC()).run(config);
    }
}
