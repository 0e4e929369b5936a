package dev.leakgate.cli;

import java.io.PrintStream;
import java.util.Set;

/** One sub-command of the CLI. */
interface Command {

    /** @return the process exit code: {@link Main#PASS}, {@link Main#LEAK} or {@link Main#ERROR} */
    int run(Arguments arguments, PrintStream out, PrintStream err) throws UsageException;

    /** Options that are switches without a value, e.g. {@code json} for {@code --json}. */
    default Set<String> flags() {
        return Set.of();
    }

    /** One line: the command and its options. */
    String usage();
}
