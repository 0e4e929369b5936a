package dev.leakgate.analysis;

import java.util.List;

/**
 * When a series of values, one per snapshot, grows like a leak: by at least the minimum in every round, and
 * steadily. Requiring every round keeps one-off growth (JIT, lazy initialisation, a cache reaching its bound)
 * from failing a build; requiring steadiness keeps out growth that is dying down (a cache still filling up
 * ever more slowly), because a leak grows in proportion to the requests, which are the same in every round.
 */
final class GrowthRule {

    /** The smallest round's growth must be at least this fraction of the largest round's. */
    static final double STEADINESS = 0.25;

    private GrowthRule() {
    }

    static boolean growsInEveryRound(List<Long> values, double minimumPerRound) {
        long smallest = Long.MAX_VALUE;
        long largest = 0;
        for (int round = 1; round < values.size(); round++) {
            long growth = values.get(round) - values.get(round - 1);
            if (growth <= 0 || growth < minimumPerRound) {
                return false;
            }
            smallest = Math.min(smallest, growth);
            largest = Math.max(largest, growth);
        }
        return smallest >= STEADINESS * largest;
    }

    static double perRequest(List<Long> values, long requestsPerRound) {
        long served = requestsPerRound * (values.size() - 1);
        return (double) (values.get(values.size() - 1) - values.get(0)) / served;
    }
}
