package dev.leakgate.analysis;

import java.util.List;

/**
 * Where a leak comes from, as the allocation stacks of its objects tell: the line to change, the stacks, and which
 * requests of the mix make it grow. Measured after the verdict, on the objects of a short extra run with V8 tracking
 * allocations (see the gate's diagnosis), or read from the last snapshot when it carries allocation stacks.
 *
 * @param fixSite  the app's line to change; null when no frame of the app's own code made the objects
 * @param stacks   the stacks that allocated the leak's new objects, most objects first
 * @param requests per request of the mix, how much it makes the leak grow; empty when the mix has one request
 * @param note     what a reader should know about the above: why there is no fix site, what was not measured;
 *                 empty when nothing
 */
public record LeakOrigin(FixSite fixSite, List<AllocationStack> stacks, List<RequestGrowth> requests, String note) {

    public static final LeakOrigin UNKNOWN = new LeakOrigin(null, List.of(), List.of(), "");

    public LeakOrigin {
        stacks = List.copyOf(stacks);
        requests = List.copyOf(requests);
        note = note == null ? "" : note;
    }

    public static LeakOrigin unknown(String note) {
        return new LeakOrigin(null, List.of(), List.of(), note);
    }
}
