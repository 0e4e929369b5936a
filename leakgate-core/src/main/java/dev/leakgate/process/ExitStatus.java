package dev.leakgate.process;

import java.util.Map;

/** Turns a process exit code into words a user understands. */
final class ExitStatus {

    /** Java reports a death by signal n as exit code 128 + n, like a POSIX shell. */
    private static final int SIGNAL_OFFSET = 128;

    private static final Map<Integer, String> SIGNAL_NAMES = Map.ofEntries(
            Map.entry(1, "SIGHUP"), Map.entry(2, "SIGINT"), Map.entry(3, "SIGQUIT"), Map.entry(4, "SIGILL"),
            Map.entry(6, "SIGABRT"), Map.entry(7, "SIGBUS"), Map.entry(8, "SIGFPE"), Map.entry(9, "SIGKILL"),
            Map.entry(11, "SIGSEGV"), Map.entry(13, "SIGPIPE"), Map.entry(14, "SIGALRM"), Map.entry(15, "SIGTERM"));

    private static final int SIGABRT = 6;

    private ExitStatus() {
    }

    /** "exited with code 3", or "was killed by signal 9 (SIGKILL, exit code 137)": reads on after "the app". */
    static String describe(int exitCode) {
        int signal = exitCode - SIGNAL_OFFSET;
        String name = SIGNAL_NAMES.get(signal);
        if (name == null) {
            return "exited with code " + exitCode;
        }
        String cause = signal == SIGABRT ? ", as when the JavaScript heap runs out of memory" : "";
        return "was killed by signal " + signal + " (" + name + ", exit code " + exitCode + cause + ")";
    }
}
