package dev.leakgate.cli;

import dev.leakgate.TestNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code check}: the gate without Maven, on a real Node app, with the exit codes a CI job acts on. */
class CheckCommandTest {

    private static final Path APP_DIRECTORY = Path.of("src/test/node/gate").toAbsolutePath();

    @TempDir
    Path output;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void aLeakingAppExitsWithOneAndItsReportSaysLeak() throws IOException {
        assertEquals(Main.LEAK, check("leak"), err());
        assertTrue(Files.readString(output.resolve("report.json")).contains("\"verdict\" : \"LEAK\""));
        assertTrue(out().contains("leakgate LEAK: 1 leak: app.js:39:24"), out());
    }

    @Test
    void aCleanAppExitsWithZero() throws IOException {
        assertEquals(Main.PASS, check("clean"), err());
        assertTrue(Files.readString(output.resolve("report.json")).contains("\"verdict\" : \"PASS\""));
    }

    @Test
    void aWrongValueExitsWithTwoNamingTheParameterAndIsReported() throws IOException {
        assertEquals(Main.ERROR, check("leak", "--rounds", "nonsense"), err());
        assertTrue(out().contains("rounds must be a whole number, was 'nonsense'"), out());
        assertTrue(Files.readString(output.resolve("report.json")).contains("\"verdict\" : \"ERROR\""));
    }

    @Test
    void settingsComeFromTheConfigFileAndFlagsWin() throws IOException {
        Path config = Files.writeString(output.resolve("leakgate.json"), "{\"rounds\": 1, \"requests\": [\"GET /\"]}");

        assertEquals(Main.ERROR, check("clean", "--config", config.toString()), err());
        assertTrue(out().contains("rounds must be at least 2"), out());
        assertEquals(Main.PASS, check("clean", "--config", config.toString(), "--rounds", "2"), err());
    }

    @Test
    void anUnknownFlagIsAUsageError() {
        assertEquals(Main.ERROR, check("clean", "--round", "3"));
        assertTrue(err().contains("unknown option --round: did you mean --rounds?"), err());
    }

    private int check(String mode, String... more) {
        List<String> args = new ArrayList<>(List.of("check", "--node", TestNode.EXECUTABLE, "--working-directory",
                APP_DIRECTORY.toString(), "--script", "app.js", "--script-args", mode, "--warmup-requests", "300",
                "--requests-per-round", "600", "--out", output.toString()));
        args.addAll(List.of(more));
        return new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                StandardCharsets.UTF_8)).run(args.toArray(String[]::new));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
