package dev.leakgate;

/**
 * The Node the tests start: the PATH's, or the pinned line a build execution runs them on again
 * ({@code -Dleakgate.testNode=.../node-lines/node_modules/node26/bin/node}).
 */
public final class TestNode {

    public static final String EXECUTABLE = System.getProperty("leakgate.testNode", "node");

    private TestNode() {
    }
}
