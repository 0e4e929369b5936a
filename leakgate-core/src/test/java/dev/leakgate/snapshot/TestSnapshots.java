package dev.leakgate.snapshot;

import dev.leakgate.TestNode;
import org.zeroturnaround.exec.ProcessExecutor;
import org.zeroturnaround.exec.ProcessResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Real snapshots for the tests: {@code src/test/node/make-test-snapshots.js} runs once per test JVM
 * and writes {@code s0}, {@code s1} and {@code s2} from one Node process into {@code target/}; a
 * second run, another process of the same program, writes the series again when a test asks for it.
 */
public final class TestSnapshots {

    public static final int RECORDS_IN_S0 = 100;
    public static final int RECORDS_ADDED_PER_SNAPSHOT = 50;

    private static final Path SCRIPT = Path.of("src", "test", "node", "make-test-snapshots.js");
    private static final Path LEAK_SCRIPT = Path.of("src", "test", "node", "make-leak-snapshots.js");
    private static final Path OUTPUT = Path.of("target", "test-snapshots");

    private TestSnapshots() {}

    /** The snapshots, oldest first. */
    public static List<Path> series() {
        return List.of(Generated.DIRECTORY.resolve("s0.heapsnapshot"), Generated.DIRECTORY.resolve("s1.heapsnapshot"),
                Generated.DIRECTORY.resolve("s2.heapsnapshot"));
    }

    public static Path first() {
        return series().get(0);
    }

    /** The same series written by a second Node process running the same script. */
    public static List<Path> seriesOfAnotherProcess() {
        return List.of(OtherProcess.DIRECTORY.resolve("s0.heapsnapshot"),
                OtherProcess.DIRECTORY.resolve("s1.heapsnapshot"), OtherProcess.DIRECTORY.resolve("s2.heapsnapshot"));
    }

    /**
     * A gate run's snapshots from one process with three independent leaks (see
     * {@code src/test/node/make-leak-snapshots.js}): baseline, then three rounds of {@link #LEAK_REQUESTS_PER_ROUND}
     * requests; the last carries allocation stacks of its round.
     */
    public static List<Path> leakSeries() {
        return List.of(LeakSeries.DIRECTORY.resolve("s0.heapsnapshot"), LeakSeries.DIRECTORY.resolve("s1.heapsnapshot"),
                LeakSeries.DIRECTORY.resolve("s2.heapsnapshot"), LeakSeries.DIRECTORY.resolve("s3.heapsnapshot"));
    }

    /** The same leaks, written by a second process of the same script. */
    public static List<Path> leakSeriesOfAnotherProcess() {
        Path directory = OtherLeakSeries.DIRECTORY;
        return List.of(directory.resolve("s0.heapsnapshot"), directory.resolve("s1.heapsnapshot"),
                directory.resolve("s2.heapsnapshot"), directory.resolve("s3.heapsnapshot"));
    }

    public static final int LEAK_REQUESTS_PER_ROUND = 200;

    /** The constructor's total as the Summary view lists it; empty when the snapshot counts none of its objects. */
    static Optional<ConstructorTotal> total(HeapSummary snapshot, String constructor) {
        return snapshot.constructors().stream().filter(total -> total.name().equals(constructor)).findFirst();
    }

    static Path scratchDirectory() throws IOException {
        return Files.createDirectories(OUTPUT.resolve("scratch"));
    }

    /** Holds the output directory; the JVM initialises it, and so runs Node, once, on first use. */
    private static final class Generated {

        static final Path DIRECTORY = generate(OUTPUT);
    }

    /** Like {@link Generated}, for the second process. */
    private static final class OtherProcess {

        static final Path DIRECTORY = generate(OUTPUT.resolve("other-process"));
    }

    private static final class LeakSeries {

        static final Path DIRECTORY = generate(LEAK_SCRIPT, OUTPUT.resolve("leaks"));
    }

    private static final class OtherLeakSeries {

        static final Path DIRECTORY = generate(LEAK_SCRIPT, OUTPUT.resolve("leaks-other-process"));
    }

    private static Path generate(Path output) {
        return generate(SCRIPT, output);
    }

    private static Path generate(Path script, Path output) {
        try {
            ProcessResult result = new ProcessExecutor()
                    .command(TestNode.EXECUTABLE, "--expose-gc", script.toString(), output.toString())
                    .readOutput(true)
                    .redirectErrorStream(true)
                    .timeout(60, TimeUnit.SECONDS)
                    .destroyOnExit()
                    .execute();
            if (result.getExitValue() != 0) {
                throw new IllegalStateException(script + " failed with exit code " + result.getExitValue() + ":\n"
                        + result.outputUTF8());
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("The tests need Node.js 20 or later as 'node' on the PATH to write "
                    + "real heap snapshots: " + e.getMessage(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException(script + " did not finish within 60 seconds", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while writing test snapshots", e);
        }
    }
}
