package dev.leakgate.analysis;

import dev.leakgate.text.NumberText;

import java.util.List;

/**
 * One cause of memory growth, with the findings it makes grow: what a red build leads with.
 *
 * @param id                       a signature that stays the same for the same leak across runs and machines: what
 *                                 grows and the path that keeps it, without indexes or counts; the JUnit test name
 *                                 and the baseline key
 * @param thread                   the thread whose heap grows: {@code main}
 * @param judgement                what the leak means for the build
 * @param acceptedGrowthPerRequest the subject's growth per request the baseline accepts, 0 without one
 * @param findings                 the findings this cause makes grow, the cause first
 * @param subject                  what it keeps, as its title names it
 * @param retainerPath             the way most of its new objects are kept, from a root a developer knows
 * @param pathShare                how many of its new objects take that way
 * @param growthPerRequest         bytes it adds per request: the self sizes its findings' constructors gained
 * @param retainedSize             bytes its growth keeps alive in the final snapshot
 * @param origin                   where it comes from, once measured
 * @param objects                  how to find its objects in a later snapshot
 */
public record Leak(String id, String thread, Judgement judgement, double acceptedGrowthPerRequest,
                   List<Finding> findings, Subject subject, ReadablePath retainerPath, PathShare pathShare,
                   double growthPerRequest, long retainedSize, LeakOrigin origin, LeakObjects objects) {

    public static final String MAIN_THREAD = "main";

    public Leak {
        findings = List.copyOf(findings);
        if (findings.isEmpty()) {
            throw new IllegalArgumentException("a leak needs the finding that is its cause");
        }
    }

    public boolean failing() {
        return judgement.failsTheBuild();
    }

    /** The finding that is the cause: the collection or owner that keeps the rest, or the objects themselves. */
    public Finding cause() {
        return findings.get(0);
    }

    /** The findings the cause keeps growing, most severe first. */
    public List<Finding> symptoms() {
        return findings.subList(1, findings.size());
    }

    /**
     * One line a developer understands: {@code setInterval keeps Timeout objects (+1.00 per request)}, or where the
     * fix site calls nothing, {@code Session objects (+1.00 per request) kept by sessions (Map)}.
     */
    public String title() {
        String growth = "(+" + NumberText.decimal(subject.growthPerRequest()) + " per request)";
        FixSite site = origin.fixSite();
        if (site != null && !site.callee().isEmpty()) {
            return site.callee() + " keeps " + subject.noun() + " " + growth;
        }
        String keeper = keeper();
        return subject.noun() + " " + growth + (keeper.isEmpty() ? "" : " kept by " + keeper);
    }

    public Leak withFindings(List<Finding> changed) {
        return new Leak(id, thread, judgement, acceptedGrowthPerRequest, changed, subject, retainerPath, pathShare,
                growthPerRequest, retainedSize, origin, objects);
    }

    /** The same leak in another thread's heap: its id then names the thread too, so that it stays apart. */
    public Leak onThread(String name) {
        return new Leak(name.equals(MAIN_THREAD) ? id : name + " " + id, name, judgement, acceptedGrowthPerRequest,
                findings, subject, retainerPath, pathShare, growthPerRequest, retainedSize, origin, objects);
    }

    public Leak withOrigin(LeakOrigin measured) {
        return new Leak(id, thread, judgement, acceptedGrowthPerRequest, findings, subject, retainerPath, pathShare,
                growthPerRequest, retainedSize, measured, objects);
    }

    /** The last named object on the path before the objects kept: {@code sessions (Map)}, or the path's start. */
    private String keeper() {
        List<ReadablePath.Hop> hops = retainerPath.hops();
        for (int i = hops.size() - 2; i >= 0; i--) {
            ReadablePath.Hop hop = hops.get(i);
            if (hop.kind() == ReadablePath.EdgeKind.VARIABLE || hop.kind() == ReadablePath.EdgeKind.PROPERTY) {
                return hop.edge() + " (" + hop.object() + ")";
            }
        }
        return retainerPath.start().kind() == ReadablePath.StartKind.UNREACHABLE ? "" : retainerPath.start().text();
    }
}
