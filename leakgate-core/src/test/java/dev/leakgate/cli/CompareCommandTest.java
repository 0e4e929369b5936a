package dev.leakgate.cli;

import dev.leakgate.TestNode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leakgate.snapshot.TestSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {

    @TempDir
    Path directory;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void findsTheGrowingClassAndWritesTheComparisonIntoTheReport() throws IOException {
        List<Path> series = TestSnapshots.series();
        int exitCode = compare(series.get(0), series.get(1), series.get(2), "--requests-per-round",
                Integer.toString(TestSnapshots.RECORDS_ADDED_PER_SNAPSHOT), "--out", directory.toString());
        assertEquals(Main.LEAK, exitCode, err());
        assertTrue(out().contains("1. RequestRecord objects (+1.00 per request) kept by leaks (Array)"), out());
        assertTrue(out().contains("kept by   " + Path.of("src", "test", "node", "make-test-snapshots.js")
                + " (module) › leaks (Array) › ["), out());
        String report = Files.readString(directory.resolve("report.json"));
        // Relative to the current directory, named from the heap: no inspector saw these scripts load.
        assertTrue(report.contains("\"location\" : \"" + Path.of("src", "test", "node", "make-test-snapshots.js")
                + ":12:14\""), report);
        Pattern recordRow = Pattern.compile("\"constructor\" : \"RequestRecord\",\\s*\"newCount\" : "
                + 2 * TestSnapshots.RECORDS_ADDED_PER_SNAPSHOT + ",\\s*\"deletedCount\" : 0,");
        assertTrue(recordRow.matcher(report).find(), report);
        assertTrue(report.contains("\"retainerPath\" : \"" + Path.of("src", "test", "node", "make-test-snapshots.js")
                + " (module) › leaks (Array) › ["), report);
    }

    @Test
    void namesAMissingFile() {
        Path missing = directory.resolve("missing.heapsnapshot");
        assertRefused(missing + " does not exist", TestSnapshots.first(), missing);
    }

    @Test
    void namesAnEmptyFile() throws IOException {
        Path empty = Files.write(directory.resolve("empty.heapsnapshot"), new byte[0]);
        assertRefused(empty + " is empty", TestSnapshots.first(), empty);
    }

    @Test
    void namesATruncatedFile() throws IOException {
        byte[] whole = Files.readAllBytes(TestSnapshots.series().get(2));
        Path cut = Files.write(directory.resolve("cut.heapsnapshot"), Arrays.copyOf(whole, whole.length / 3));
        assertRefused(cut + " is truncated", TestSnapshots.first(), cut);
    }

    @Test
    void namesAFileThatIsNotJson() throws IOException {
        Path notes = Files.writeString(directory.resolve("notes.heapsnapshot"), "heap notes, not a snapshot");
        assertRefused(notes + " is not valid JSON", notes, TestSnapshots.first());
    }

    @Test
    void refusesSnapshotsOfTwoProcesses() {
        Path ours = TestSnapshots.series().get(0);
        Path theirs = TestSnapshots.seriesOfAnotherProcess().get(2);
        assertRefused(theirs + " is not a later snapshot of the process " + ours + " was taken from",
                ours, TestSnapshots.series().get(1), theirs);
    }

    @Test
    void saysToRaiseTheHeapWhenTheSnapshotsDoNotFitInsteadOfDyingWithAStackTrace() throws Exception {
        // 300,000 objects: a 50 MB snapshot whose columns alone outgrow a 16 MB heap.
        Path snapshot = directory.resolve("big.heapsnapshot");
        Process node = new ProcessBuilder(TestNode.EXECUTABLE, "-e", "globalThis.kept = Array.from({length: 300000}, (_, i) => ({i}));"
                + "require('v8').writeHeapSnapshot(process.argv[1])", snapshot.toString()).inheritIO().start();
        assertEquals(0, node.waitFor(), "node writes the snapshot");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx16m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "compare", snapshot.toString(),
                snapshot.toString(), "--out", directory.resolve("report").toString());
        Path log = directory.resolve("compare.log");
        Process java = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = java.waitFor(60, TimeUnit.SECONDS);
        java.destroyForcibly();
        String output = Files.readString(log);

        assertTrue(ended, "compare must end, not hang, when memory runs out: " + output);
        assertEquals(Main.ERROR, java.exitValue(), output);
        assertTrue(output.startsWith("leakgate compare: out of memory with a Java heap of "), output);
        assertTrue(output.contains("larger -Xmx"), output);
        assertEquals(1, output.lines().count(), "one line, no stack trace: " + output);
    }

    private void assertRefused(String expectedStart, Path... files) {
        String[] paths = Arrays.stream(files).map(Path::toString).toArray(String[]::new);
        String[] args = Arrays.copyOf(paths, paths.length + 2);
        args[paths.length] = "--out";
        args[paths.length + 1] = directory.resolve("report").toString();
        assertEquals(Main.ERROR, compare(args), err());
        String message = err();
        assertTrue(message.startsWith("leakgate compare: " + expectedStart), message);
        assertEquals(1, message.lines().count(), "one line, no stack trace: " + message);
        assertFalse(Files.exists(directory.resolve("report")), "no report for input that cannot be read");
    }

    private int compare(Object... args) {
        String[] command = new String[args.length + 1];
        command[0] = "compare";
        for (int i = 0; i < args.length; i++) {
            command[i + 1] = args[i].toString();
        }
        return new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                StandardCharsets.UTF_8)).run(command);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
