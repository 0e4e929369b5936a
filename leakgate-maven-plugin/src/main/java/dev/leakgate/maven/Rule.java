package dev.leakgate.maven;

import dev.leakgate.analysis.ConstructorRule;

/**
 * One {@code <rule>} of the {@code rules} parameter: limits for one constructor that replace the general ones.
 */
public class Rule {

    private String constructor;
    private Double maxObjectsPerRequest;
    private Double maxBytesPerRequest;

    ConstructorRule toRule() {
        return new ConstructorRule(constructor, maxObjectsPerRequest, maxBytesPerRequest);
    }
}
