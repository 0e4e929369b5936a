package dev.leakgate.analysis;

/**
 * Growth a legacy app is known to have, as the {@code baseline} goal measured it.
 *
 * @param leak             the leak's id (see {@link Leak#id})
 * @param subject          what the growth counts, for people reading the file: {@code Session objects}
 * @param growthPerRequest the leak's subject gained per request
 */
public record AcceptedGrowth(String leak, String subject, double growthPerRequest) {

    public AcceptedGrowth {
        if (leak == null || leak.isBlank()) {
            throw new IllegalArgumentException("accepted growth needs the leak's id");
        }
        if (!(growthPerRequest >= 0) || Double.isInfinite(growthPerRequest)) {
            throw new IllegalArgumentException("accepted growth of " + leak + " must be a number >= 0, was "
                    + growthPerRequest);
        }
    }
}
