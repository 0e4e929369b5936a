package dev.leakgate.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.leakgate.cli.Main;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What of {@code compare}'s time is the work itself, run on demand (not a test): the same {@code compare}
 * run several times in one JVM. The first run is what a user waits for, class loading and the JIT's
 * compiling included; the later ones run compiled code only. Each run's wall time and the CPU time the
 * whole process spent meanwhile (compiler and GC threads included) are printed.
 *
 * <p>usage: {@code WarmCompareBenchmark <runs> <compare arguments>...}, e.g. with the same
 * {@code -XX:+UseSerialGC -Xmx420m} as {@code bench/compare-vs-memlab.sh}:
 * {@code WarmCompareBenchmark 5 s1.heapsnapshot s2.heapsnapshot s3.heapsnapshot --out /tmp/warm-report}
 */
public final class WarmCompareBenchmark {

    private WarmCompareBenchmark() {}

    public static void main(String[] args) {
        int runs = Integer.parseInt(args[0]);
        List<String> command = new ArrayList<>(List.of("compare"));
        command.addAll(Arrays.asList(args).subList(1, args.length));
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        for (int run = 1; run <= runs; run++) {
            long cpuBefore = os.getProcessCpuTime();
            long start = System.nanoTime();
            int exit = new Main(quiet, System.err).run(command.toArray(String[]::new));
            double wall = (System.nanoTime() - start) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpuBefore) / 1e9;
            System.out.printf(Locale.ROOT, "run %d (%s): %.2f s wall, %.2f s CPU, exit %d%n", run,
                    run == 1 ? "cold" : "warm", wall, cpu, exit);
        }
    }
}
