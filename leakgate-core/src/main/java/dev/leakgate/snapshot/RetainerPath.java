package dev.leakgate.snapshot;

import java.util.List;

/**
 * The shortest chain of strong references from the GC roots to an object, as DevTools finds it for
 * the Retainers view: the whole chain, the synthetic root itself excluded. How a developer reads it is
 * the analysis' concern.
 */
public record RetainerPath(List<Step> steps) {

    public RetainerPath {
        steps = List.copyOf(steps);
    }

    /**
     * One reference in the chain and the object it reaches.
     *
     * @param edgeName property or variable name, or the index as text for elements
     * @param edgeType V8 edge type (context, element, property, internal, hidden, shortcut)
     * @param constructor the constructor (class key) of the object reached
     * @param objectId the V8 object id of the object reached
     * @param functionName the function's name when the object reached is a closure, else empty
     * @param module the script's name when the object reached is the top-level scope of a module, else empty
     */
    public record Step(String edgeName, String edgeType, String constructor, int objectId, String functionName,
                       String module) {

        public Step(String edgeName, String edgeType, String constructor, int objectId) {
            this(edgeName, edgeType, constructor, objectId, "", "");
        }

        public Step(String edgeName, String edgeType, String constructor, int objectId, String functionName) {
            this(edgeName, edgeType, constructor, objectId, functionName, "");
        }

        public boolean isClosure() {
            return !functionName.isEmpty();
        }
    }
}
