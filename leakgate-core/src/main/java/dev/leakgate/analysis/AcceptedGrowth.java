package dev.leakgate.analysis;

/**
 * Growth a legacy app is known to have, as the {@code baseline} goal measured it.
 *
 * @param object for a {@link Shape#COLLECTION}, the collection's retainer path, which tells two Maps apart;
 *               {@code null} for the other shapes
 */
public record AcceptedGrowth(String constructor, Shape shape, String object, double growthPerRequest) {

    public AcceptedGrowth {
        if (constructor == null || shape == null) {
            throw new IllegalArgumentException("accepted growth needs a constructor and a shape");
        }
        if (!(growthPerRequest >= 0) || Double.isInfinite(growthPerRequest)) {
            throw new IllegalArgumentException("accepted growth of " + constructor + " must be a number >= 0, was "
                    + growthPerRequest);
        }
    }

    /** What identifies the same growth in a later run. */
    String key() {
        return key(constructor, shape, object);
    }

    static String key(String constructor, Shape shape, String object) {
        return shape + " " + constructor + (shape == Shape.COLLECTION && object != null ? " @ " + object : "");
    }
}
