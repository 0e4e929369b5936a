package dev.leakgate.analysis;

/**
 * Limits for one constructor that replace the general ones: a known cache, a pool that grows slowly by design.
 * A limit left {@code null} keeps the general one.
 *
 * @param constructor          the name as the findings show it ({@code Session}, {@code Map}, {@code (string)})
 * @param maxObjectsPerRequest instances (or, for a collection, references) it may gain per request
 * @param maxBytesPerRequest   bytes it may gain per request
 */
public record ConstructorRule(String constructor, Double maxObjectsPerRequest, Double maxBytesPerRequest) {

    public ConstructorRule {
        if (constructor == null || constructor.isBlank()) {
            throw new IllegalArgumentException("a rule needs a constructor: the name as the report shows it");
        }
        LeakThresholds.requireLimit("maxObjectsPerRequest of the rule for " + constructor, maxObjectsPerRequest);
        LeakThresholds.requireLimit("maxBytesPerRequest of the rule for " + constructor, maxBytesPerRequest);
        if (maxObjectsPerRequest == null && maxBytesPerRequest == null) {
            throw new IllegalArgumentException("the rule for " + constructor
                    + " sets neither maxObjectsPerRequest nor maxBytesPerRequest");
        }
    }
}
