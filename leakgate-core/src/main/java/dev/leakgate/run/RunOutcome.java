package dev.leakgate.run;

import dev.leakgate.analysis.Leak;
import dev.leakgate.result.GateResult;
import dev.leakgate.result.Verdict;
import dev.leakgate.result.Verdicts;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A finished run as its host reports it: the result, where its report is, and whether it fails.
 *
 * @param report     report.html, or null when the reports could not be written
 * @param failOnLeak whether a leak or crash fails (the {@code failOnLeak} parameter)
 */
public record RunOutcome(GateResult result, Path report, boolean failOnLeak) {

    /** The command line's exit code: 0 pass (or a leak that must not fail), 1 leak or crash, 2 error. */
    public int exitCode() {
        return switch (result.verdict()) {
            case PASS -> 0;
            case LEAK, CRASH -> failOnLeak ? 1 : 0;
            case ERROR -> 2;
        };
    }

    /**
     * What the build failure says, leaks first: {@code leakgate: 1 leak: server.js:22:3 sessions.set keeps Session
     * objects (+1.00 per request)}, then where the report is.
     */
    public String message() {
        String what = switch (result.verdict()) {
            case PASS -> "leakgate: PASS: " + result.reason();
            case ERROR -> "leakgate could not judge the app: " + result.reason();
            case CRASH -> "leakgate: the app crashed under load: " + result.reason();
            case LEAK -> {
                List<Leak> leaks = result.failingLeaks();
                String top = leaks.stream().limit(3).map(Verdicts::describe).collect(Collectors.joining("; "));
                String more = leaks.size() > 3 ? "; and " + (leaks.size() - 3) + " more" : "";
                yield "leakgate: " + Verdicts.count(leaks.size()) + ": " + top + more;
            }
        };
        return report == null ? what : what + System.lineSeparator() + "Report: " + report;
    }

    public boolean passed() {
        return result.verdict() == Verdict.PASS;
    }
}
