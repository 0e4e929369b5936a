package dev.leakgate.gate;

import dev.leakgate.result.Verdict;

import java.util.List;

/** Ends a run early with a verdict other than PASS or LEAK; thrown where the reason becomes known. */
final class RunStopped extends Exception {

    private final Verdict verdict;
    private final List<String> appLogTail;

    RunStopped(Verdict verdict, String reason, List<String> appLogTail) {
        super(reason, null, false, false);
        this.verdict = verdict;
        this.appLogTail = List.copyOf(appLogTail);
    }

    Verdict verdict() {
        return verdict;
    }

    List<String> appLogTail() {
        return appLogTail;
    }
}
