package dev.leakgate.result;

import dev.leakgate.analysis.FixSite;
import dev.leakgate.analysis.Leak;
import dev.leakgate.load.PhaseResult;
import dev.leakgate.load.ProgressSnapshot;
import dev.leakgate.text.DurationText;
import dev.leakgate.text.NumberText;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The sentences a run says about itself, shared by the log, the reports, the CLI and the build failure. */
public final class Verdicts {

    /** What the app did to the requests that failed without a response, by {@link PhaseResult#errorsByKind()} key. */
    private static final Map<String, String> ERROR_PHRASES = Map.of(
            "connect", "could not be reached for %s",
            "timeout", "did not answer %s within requestTimeout",
            "reset", "closed the connection without a complete answer to %s",
            "protocol", "answered %s with something that is not HTTP/1.x");

    private Verdicts() {
    }

    /** The reason sentence for {@code rounds} rounds after the baseline: what failed, or why nothing did. */
    public static String explainSeries(List<Leak> leaks, int rounds, long requestsPerRound,
                                       double maxObjectsPerRequest) {
        String series = rounds + " round" + (rounds == 1 ? "" : "s") + " of " + NumberText.count(requestsPerRound)
                + " requests";
        List<Leak> failing = leaks.stream().filter(Leak::failing).toList();
        if (failing.isEmpty()) {
            String reported = leaks.isEmpty() ? "" : " (" + leaks.size() + " growing within the baseline or in "
                    + "V8's own bookkeeping, reported only)";
            return "Nothing grew in every one of the " + series + " by more than its limit ("
                    + NumberText.decimal(maxObjectsPerRequest) + " objects per request by default)" + reported + ".";
        }
        String others = failing.size() == 1 ? "" : "; " + (failing.size() - 1) + " more leak"
                + (failing.size() == 2 ? "" : "s") + " too";
        return count(failing.size()) + ": " + describe(failing.get(0)) + ", in every one of the " + series + others
                + ".";
    }

    /** {@code 1 leak}, {@code 3 leaks}. */
    public static String count(int leaks) {
        return leaks + " leak" + (leaks == 1 ? "" : "s");
    }

    /**
     * The leak in one line, the line to change first: {@code server.js:7:3 setInterval keeps Timeout objects (+1.00 per
     * request)}; against a baseline with what it accepts: {@code ..., 1.00 more than the baseline accepts (1.00)}.
     */
    public static String describe(Leak leak) {
        FixSite site = leak.origin().fixSite();
        String line = (site == null ? "" : site.location().text() + " ") + leak.title()
                + (leak.thread().equals(Leak.MAIN_THREAD) ? "" : " in " + leak.thread());
        if (leak.acceptedGrowthPerRequest() == 0) {
            return line;
        }
        double beyond = leak.subject().growthPerRequest() - leak.acceptedGrowthPerRequest();
        return line + ", " + (beyond > 0 ? NumberText.decimal(beyond) + " more than" : "within what")
                + " the baseline accepts (" + NumberText.decimal(leak.acceptedGrowthPerRequest()) + ")";
    }

    public static String describePhase(PhaseResult phase) {
        return String.format(Locale.ROOT, "%s: %s requests in %s, %s req/s, p99 %s ms, %s failed",
                phase.phase(), NumberText.count(phase.requests()), DurationText.of(phase.elapsed()),
                NumberText.decimal(phase.requestsPerSecond()), NumberText.decimal(phase.latency().p99()),
                NumberText.count(phase.failed()));
    }

    /**
     * A line on a long phase under way:
     * {@code round 2: 12,000/20,000 requests in 2.00 s, 6,012 req/s, p99 1.20 ms, 0 failed}.
     */
    public static String describeProgress(ProgressSnapshot progress) {
        String total = progress.total().isPresent() ? "/" + NumberText.count(progress.total().getAsLong()) : "";
        return String.format(Locale.ROOT, "%s: %s%s requests in %s, %s req/s, p99 %s ms, %s failed",
                progress.phase(), NumberText.count(progress.done()), total, DurationText.of(progress.elapsed()),
                NumberText.decimal(progress.requestsPerSecond()), NumberText.decimal(progress.p99Millis()),
                NumberText.count(progress.failed()));
    }

    /**
     * Why a phase with too many failed requests cannot be judged, most frequent cause first:
     * {@code the app answered 503 to 97% of the 2,000 requests in round 1, and did not answer 2% within requestTimeout}.
     */
    public static String explainFailingRequests(PhaseResult phase, double maxErrorRate) {
        List<String> causes = failureCauses(phase);
        String main = causes.get(0);
        String others = causes.size() == 1 ? "" : ", and " + String.join(", ", causes.subList(1, causes.size()));
        return "the app " + main + others + ", above maxErrorRate=" + NumberText.decimal(maxErrorRate) + "%: "
                + "a leak verdict on failing requests means nothing. " + advice(phase);
    }

    /** What to change, by what most requests got. */
    private static String advice(PhaseResult phase) {
        long refused = phase.statusCounts().getOrDefault(401, 0L) + phase.statusCounts().getOrDefault(403, 0L);
        if (refused * 2 > phase.failed()) {
            return "The app wants its clients logged in: log each connection in with setupRequests and keep its "
                    + "session with cookies=true, or send a token header (Authorization: Bearer {{env.API_TOKEN}})";
        }
        String raise = phase.errorRatePercent() < 50 ? ", or raise maxErrorRate" : "";
        return "Check the requests and readyPath" + raise;
    }


    /** One phrase per cause of failure, most frequent first; the first names the phase's size and label. */
    private static List<String> failureCauses(PhaseResult phase) {
        record Cause(long count, String phrase) {
        }
        List<Cause> causes = new ArrayList<>();
        for (Map.Entry<Integer, Long> status : phase.statusCounts().entrySet()) {
            if (!PhaseResult.isSuccess(status.getKey())) {
                causes.add(new Cause(status.getValue(), "answered " + status.getKey() + " to %s"));
            }
        }
        for (Map.Entry<String, Long> error : phase.errorsByKind().entrySet()) {
            String phrase = ERROR_PHRASES.getOrDefault(error.getKey(), "failed %s with " + error.getKey() + " errors");
            causes.add(new Cause(error.getValue(), phrase));
        }
        causes.sort(Comparator.comparingLong(Cause::count).reversed());
        List<String> phrases = new ArrayList<>();
        for (Cause cause : causes) {
            String share = percentOf(cause.count(), phase.requests());
            phrases.add(cause.phrase().formatted(phrases.isEmpty()
                    ? share + " of the " + NumberText.count(phase.requests()) + " requests in " + phase.phase()
                    : share));
        }
        return phrases;
    }

    /** {@code 97%}, {@code 2.5%}, {@code 0.1%}: whole percents where the decimal would be noise. */
    private static String percentOf(long part, long whole) {
        double percent = 100.0 * part / whole;
        return String.format(Locale.ROOT, percent >= 10 ? "%.0f%%" : "%.1f%%", percent);
    }

    /** A finished series' verdict: LEAK when a leak fails the build, else PASS. */
    public static Verdict verdictOf(List<Leak> leaks) {
        return leaks.stream().anyMatch(Leak::failing) ? Verdict.LEAK : Verdict.PASS;
    }
}
