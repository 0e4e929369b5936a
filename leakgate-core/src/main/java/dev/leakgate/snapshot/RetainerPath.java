package dev.leakgate.snapshot;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The shortest chain of strong references from the GC roots to an object, as DevTools finds it for
 * the Retainers view. {@link #steps()} holds the whole chain (the synthetic root itself excluded);
 * {@link #format()} shortens it to the part a JavaScript developer acts on.
 */
public record RetainerPath(List<Step> steps) {

    private static final String SEPARATOR = " › ";
    private static final Pattern WEAK_MAP_ENTRY = Pattern.compile("\\d+ / part of key .* pair in WeakMap .*");

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

        boolean isClosure() {
            return !functionName.isEmpty();
        }

        String object() {
            return isClosure() ? functionName + "()" : constructor;
        }

        String objectInParentheses() {
            String object = object();
            return object.startsWith("(") ? object : "(" + object + ")";
        }

        String edge() {
            return switch (edgeType) {
                case "element" -> "[" + edgeName + "]";
                case "internal", "hidden" -> internalEdge();
                default -> edgeName;
            };
        }

        private String internalEdge() {
            // V8 names each WeakMap entry after both objects and the table: too long for a path.
            return WEAK_MAP_ENTRY.matcher(edgeName).matches() ? "{WeakMap value}" : "{" + edgeName + "}";
        }
    }

    /**
     * The chain as one line, e.g. {@code handler() › context › leaks (Array) › [12] › RequestRecord}.
     *
     * <p>Everything before the last scope a developer can name is left out, because it only says how
     * that scope is reached: a path through a closure's variables starts at the closure whose
     * context holds the last variable on the path, or at the module when that variable is one of a
     * module's top-level variables ({@code server.js (module) › sessions (Map) › ...}); a path from
     * the global object starts there; any other path starts at its first step below the root (such
     * as {@code (GC roots)}). Elements show as {@code [i]}, properties and variables by name,
     * engine-internal references in braces.
     */
    public String format() {
        if (steps.isEmpty()) {
            return "(not reachable from the GC roots)";
        }
        int lastVariable = lastIndexOf("context", steps.size() - 1, null);
        int contextLink = lastVariable < 0 ? -1 : lastIndexOf("internal", lastVariable - 1, "context");
        StringBuilder text = new StringBuilder();
        int next;
        String module = lastVariable >= 1 ? steps.get(lastVariable - 1).module() : "";
        if (contextLink >= 1 && !module.isEmpty()) {
            text.append(fileName(module)).append(" (module)");
            next = lastVariable;
        } else if (contextLink >= 1) {
            text.append(steps.get(contextLink - 1).object()).append(SEPARATOR).append("context");
            next = lastVariable;
        } else {
            text.append(steps.get(0).object());
            next = 1;
        }
        for (int i = next; i < steps.size(); i++) {
            Step step = steps.get(i);
            text.append(SEPARATOR).append(step.edge());
            boolean last = i == steps.size() - 1;
            text.append(last ? SEPARATOR + step.object() : " " + step.objectInParentheses());
        }
        return text.toString();
    }

    /** {@code server.js} for {@code /srv/app/server.js} or {@code file:///srv/app/server.js}; the path column has the rest. */
    private static String fileName(String script) {
        int slash = script.lastIndexOf('/');
        return slash >= 0 && slash < script.length() - 1 ? script.substring(slash + 1) : script;
    }

    private int lastIndexOf(String edgeType, int from, String edgeName) {
        for (int i = from; i >= 0; i--) {
            Step step = steps.get(i);
            if (step.edgeType().equals(edgeType) && (edgeName == null || step.edgeName().equals(edgeName))) {
                return i;
            }
        }
        return -1;
    }
}
