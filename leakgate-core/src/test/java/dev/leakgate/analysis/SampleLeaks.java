package dev.leakgate.analysis;

import java.util.List;

/** Leaks as an analysis would produce them, for tests of what reads them (baselines, reports). */
public final class SampleLeaks {

    private SampleLeaks() {
    }

    /** A path from a module's variable: {@code server.js (module) › sessions (Map) › {table} (array) › [12] › Session}. */
    public static ReadablePath path(String variable, String collection, String object) {
        return new ReadablePath(new ReadablePath.Start(ReadablePath.StartKind.MODULE, "server.js", "/srv/app/server.js"),
                List.of(new ReadablePath.Hop(variable, ReadablePath.EdgeKind.VARIABLE, collection, 1),
                        new ReadablePath.Hop("{table}", ReadablePath.EdgeKind.INTERNAL, "(array)", 1),
                        new ReadablePath.Hop("[12]", ReadablePath.EdgeKind.ELEMENT, object, 1)));
    }

    public static Finding finding(String constructor, Shape shape, double growth, Judgement judgement) {
        return new Finding(constructor, shape, List.of(10L, 1010L, 2010L, 3010L), growth, 96_000,
                path("sessions", "Map", constructor), new CodeLocation("server.js", 7, 14), List.of(1000L, 1000L, 1000L),
                judgement, null);
    }

    /** A leak of {@code constructor} objects kept in a module's Map, found at the given line, with its findings. */
    public static Leak leak(String constructor, double growth, Judgement judgement, LeakOrigin origin,
                            Finding... symptoms) {
        Finding cause = finding(constructor, Shape.COUNT, growth, judgement);
        List<Finding> findings = new java.util.ArrayList<>(List.of(cause));
        findings.addAll(List.of(symptoms));
        Subject subject = new Subject(constructor, constructor, Shape.COUNT, growth);
        ReadablePath path = path("sessions", "Map", constructor);
        return new Leak(LeakId.of(subject, path), Leak.MAIN_THREAD, judgement, 0, findings, subject, path,
                new PathShare(3000, 3000), 142, 96_000, origin,
                new LeakObjects(constructor, 0, "sessions", "/srv/app/server.js", null, false));
    }

    /** Where a leak kept in {@code sessions} is stored: {@code server.js:23:12 sessions.set(session.id, session);}. */
    public static LeakOrigin storedAt(int line) {
        FixSite site = new FixSite(new CodeLocation("server.js", line, 12), "sessionFor", FixSite.Kind.STORE,
                "sessions.set(session.id, session);", "sessions.set");
        AllocationStack stack = new AllocationStack(List.of(
                new StackFrame("emit", new CodeLocation("node:events", 471, 28), StackFrame.Origin.NODE),
                new StackFrame("(anonymous)", new CodeLocation("server.js", 26, 38), StackFrame.Origin.APP),
                new StackFrame("sessionFor", new CodeLocation("server.js", 16, 20), StackFrame.Origin.APP)), 20, 640);
        return new LeakOrigin(site, List.of(stack), List.of(), "");
    }
}
