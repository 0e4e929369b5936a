package dev.leakgate;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Data flows one way: process → inspector → snapshot → analysis → gate → result → report, with settings in and the
 * run's entry point and the command line on top. A package that reaches back (a report reading the gate, the settings
 * reading the run) fails here, naming the import.
 */
class PackageDependenciesTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/leakgate");
    private static final Pattern IMPORT = Pattern.compile("^import dev\\.leakgate\\.([a-z]+)\\.", Pattern.MULTILINE);

    /** What each package may import besides itself. */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("text", Set.of()),
            Map.entry("concurrent", Set.of()),
            Map.entry("load", Set.of()),
            Map.entry("process", Set.of("text")),
            Map.entry("inspector", Set.of("process", "text")),
            Map.entry("snapshot", Set.of("concurrent")),
            Map.entry("analysis", Set.of("snapshot", "text")),
            Map.entry("result", Set.of("analysis", "load", "snapshot", "text")),
            Map.entry("settings", Set.of("analysis", "load", "result", "text")),
            Map.entry("gate", Set.of("analysis", "concurrent", "inspector", "load", "process", "result", "settings",
                    "snapshot", "text")),
            Map.entry("report", Set.of("analysis", "load", "result", "snapshot", "text")),
            Map.entry("run", Set.of("analysis", "gate", "process", "report", "result", "settings", "snapshot")),
            Map.entry("cli", Set.of("analysis", "concurrent", "gate", "load", "report", "result", "run", "settings",
                    "snapshot", "text")));

    @Test
    void everyPackageImportsOnlyWhatComesBeforeIt() throws IOException {
        Map<String, Set<String>> reachingBack = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
                String from = SOURCES.relativize(file).getName(0).toString();
                Set<String> allowed = ALLOWED.getOrDefault(from, Set.of());
                Matcher imports = IMPORT.matcher(read(file));
                while (imports.find()) {
                    String to = imports.group(1);
                    if (!to.equals(from) && !allowed.contains(to)) {
                        reachingBack.computeIfAbsent(SOURCES.relativize(file).toString(), f -> new TreeSet<>()).add(to);
                    }
                }
            });
        }
        assertEquals(Map.of(), reachingBack);
    }

    @Test
    void everyPackageIsPlacedInTheFlow() throws IOException {
        try (Stream<Path> packages = Files.list(SOURCES)) {
            assertEquals(new TreeSet<>(ALLOWED.keySet()),
                    packages.map(path -> path.getFileName().toString()).collect(TreeSet::new, Set::add, Set::addAll));
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
