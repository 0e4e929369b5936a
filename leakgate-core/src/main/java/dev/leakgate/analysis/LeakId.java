package dev.leakgate.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * A leak's id: what it keeps and the way it is kept, with everything that changes from run to run left out (element
 * indexes, the length of a chain, numbered internal references), e.g.
 * {@code Session via server.js (module) › sessions (Map) › {table} (array) › []}.
 */
final class LeakId {

    private static final String SEPARATOR = " › ";

    private LeakId() {
    }

    /** @param path the path to the object that keeps all of the leak, or to one of its objects when none does */
    static String of(Subject subject, ReadablePath path) {
        List<String> parts = new ArrayList<>();
        parts.add(path.start().text());
        List<ReadablePath.Hop> hops = path.hops();
        for (int i = 0; i < hops.size(); i++) {
            ReadablePath.Hop hop = hops.get(i);
            String reached = " " + hop.objectInParentheses();
            if (hop.isElided()) {
                parts.add("…");
            } else if (hop.repeats() > 1) {
                parts.add(hop.objectInParentheses() + "…"); // a chain walked from either end, as long as it happens to be
            } else {
                parts.add(stable(hop) + reached);
            }
        }
        return subject.label() + " via " + String.join(SEPARATOR, parts);
    }

    private static String stable(ReadablePath.Hop hop) {
        return switch (hop.kind()) {
            case ELEMENT -> "[]";
            case INTERNAL -> hop.edge().matches("\\{\\d+}") ? "{}" : hop.edge();
            default -> hop.edge();
        };
    }
}
