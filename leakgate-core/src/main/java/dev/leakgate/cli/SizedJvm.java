package dev.leakgate.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Runs {@code compare} in a JVM sized for its snapshots. A JVM started with no flags takes a quarter of the machine's
 * memory and, with its default collector, grows towards it; the snapshots need little more than the last file's
 * size. So the command starts a child JVM with the serial collector and a heap of that size, and again with half as
 * much again if that was too little. A user who gives the JVM flags of their own keeps them: nothing is restarted.
 */
final class SizedJvm {

    /** Set in the child, so that it does the work instead of starting another. */
    static final String MARKER = "LEAKGATE_SIZED_JVM";
    /**
     * The heap the work takes per byte of the last file, the summaries of the earlier ones included: 1.15 was
     * measured as just enough on the 1 GB series of the benchmark, a quarter more leaves room for other heaps' shapes.
     */
    private static final double HEAP_PER_FILE_BYTE = 1.25;
    /** How much more heap each attempt after one that ran out gets. */
    private static final double GROWTH_PER_ATTEMPT = 1.5;
    private static final long MIN_HEAP = 256L << 20;
    private static final long MAX_HEAP = Runtime.getRuntime().maxMemory() * 3;
    /** What the sized JVM exits with when its heap was too small, so that a larger one takes over. */
    static final int OUT_OF_MEMORY = 3;

    private SizedJvm() {
    }

    /** Whether this JVM is the one sized for the work. */
    static boolean isSizedJvm() {
        return System.getenv(MARKER) != null;
    }

    /** Whether this JVM should hand {@code compare} to a sized one: not when it is one, or was sized by the user. */
    static boolean wanted() {
        if (isSizedJvm()) {
            return false;
        }
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .noneMatch(flag -> flag.startsWith("-Xmx") || flag.startsWith("-XX:MaxRAM") || flag.startsWith("-XX:+Use"));
    }

    /** Runs the command in a child JVM, and in a larger one if it ran out of heap; empty if none could be started. */
    static OptionalInt run(String[] args) {
        Optional<String> java = ProcessHandle.current().info().command();
        Path jar = ownJar();
        if (java.isEmpty() || jar == null) {
            return OptionalInt.empty();
        }
        long heap = Math.max(MIN_HEAP, (long) (largestFile(args) * HEAP_PER_FILE_BYTE));
        while (true) {
            int exit;
            try {
                exit = runChild(java.get(), jar, heap, args);
            } catch (IOException cannotStart) {
                return OptionalInt.empty();
            }
            if (exit != OUT_OF_MEMORY) {
                return OptionalInt.of(exit);
            }
            if (heap * GROWTH_PER_ATTEMPT > MAX_HEAP) {
                System.err.println("leakgate compare: out of memory with a Java heap of " + (heap >> 20) + " MB, "
                        + "the most this machine gives: read fewer or smaller snapshots");
                return OptionalInt.of(Main.ERROR);
            }
            heap = (long) (heap * GROWTH_PER_ATTEMPT);
            System.err.println("leakgate compare: the snapshots need more heap; reading them again with "
                    + (heap >> 20) + " MB");
        }
    }

    private static int runChild(String java, Path jar, long heap, String[] args) throws IOException {
        // One batch of work: the client compiler alone is ready sooner and keeps no optimising compiler's arenas.
        List<String> command = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-Xmx" + (heap >> 20) + "m",
                "-XX:TieredStopAtLevel=1", "-cp", jar.toString(), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put(MARKER, Long.toString(heap));
        Process child = builder.start();
        // Ctrl-C on the command stops the work too.
        Thread stopChild = new Thread(child::destroy);
        Runtime.getRuntime().addShutdownHook(stopChild);
        try {
            return child.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.destroy();
            return Main.ERROR;
        } finally {
            Runtime.getRuntime().removeShutdownHook(stopChild);
        }
    }

    private static long largestFile(String[] args) {
        long largest = 0;
        for (String arg : args) {
            try {
                Path path = Path.of(arg);
                if (Files.isRegularFile(path)) {
                    largest = Math.max(largest, Files.size(path));
                }
            } catch (IOException | RuntimeException notAFile) {
                // an option or its value
            }
        }
        return largest;
    }

    /** The jar this class was loaded from; null when run from a class directory (tests). */
    private static Path ownJar() {
        try {
            Path location = Path.of(SizedJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(location) ? location : null;
        } catch (URISyntaxException | SecurityException e) {
            return null;
        }
    }
}
