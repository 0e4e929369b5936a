package dev.leakgate.analysis;

import dev.leakgate.snapshot.RetainerPath;
import dev.leakgate.text.NumberText;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * A retainer path as a developer reads it: it starts where their code holds on (a module's variable, a global, a
 * function's scope), runs of the same object collapse into one hop ({@code _idleNext (Timeout) ×2,999}), and a
 * path longer than {@link #MAX_HOPS} keeps its ends and says how many hops it leaves out in between.
 *
 * @param start where the path starts
 * @param hops  the references from there to the object, in order; an {@link EdgeKind#ELIDED} hop stands for the
 *              hops left out
 */
public record ReadablePath(Start start, List<Hop> hops) {

    /** Hops shown at most, the elision included: enough for the start, the owner and what it holds. */
    public static final int MAX_HOPS = 12;
    /** Of a longer path: the hops kept from its start (the rest are kept from its end). */
    private static final int HEAD_HOPS = 5;
    private static final String SEPARATOR = " › ";
    private static final Pattern WEAK_MAP_ENTRY = Pattern.compile("\\d+ / part of key .* pair in WeakMap .*");

    public static final ReadablePath UNREACHABLE = new ReadablePath(new Start(StartKind.UNREACHABLE, "", ""), List.of());

    public ReadablePath {
        hops = List.copyOf(hops);
    }

    /** What a path starts at. */
    public enum StartKind {
        /** A module's top-level scope: its variables are the first hop. */
        MODULE,
        /** The global object. */
        GLOBAL,
        /** A function's scope (a closure's context), named after the function. */
        FUNCTION_SCOPE,
        /** Any other object next to V8's roots, e.g. {@code (GC roots)}. */
        OBJECT,
        /** Nothing strong reaches the object. */
        UNREACHABLE
    }

    /**
     * @param name   a script for {@link StartKind#MODULE} as reports show it, a function for
     *               {@link StartKind#FUNCTION_SCOPE}, else the object
     * @param script for a module, the script as the heap names it (a path, a {@code file:} URL); else empty
     */
    public record Start(StartKind kind, String name, String script) {

        public String text() {
            return switch (kind) {
                case MODULE -> name + " (module)";
                case GLOBAL -> "global";
                case FUNCTION_SCOPE -> name + "() › context";
                case OBJECT -> name;
                case UNREACHABLE -> "(not reachable from the GC roots)";
            };
        }
    }

    /** How a reference is named. */
    public enum EdgeKind {
        /** A variable of a scope: {@code sessions}. */
        VARIABLE,
        /** A property: {@code cache}. */
        PROPERTY,
        /** An element: {@code [12]}. */
        ELEMENT,
        /** A reference of V8's own, shown in braces: {@code {table}}. */
        INTERNAL,
        /** Hops left out of a long path; {@link Hop#repeats} says how many. */
        ELIDED
    }

    /**
     * One reference and the object it reaches, or a run of references to objects alike.
     *
     * @param edge    the reference's name as written ({@code sessions}, {@code [12]}, {@code {table}})
     * @param object  what it reaches: a constructor, or {@code name()} for a function
     * @param repeats how many references in a row this hop stands for: 1, more for a collapsed run, or the hops
     *                left out for an {@link EdgeKind#ELIDED} hop
     */
    public record Hop(String edge, EdgeKind kind, String object, int repeats) {

        public boolean isElided() {
            return kind == EdgeKind.ELIDED;
        }

        /** The object as a path writes it between hops: {@code (Map)}, and V8's categories as they are: {@code (array)}. */
        public String objectInParentheses() {
            return object.startsWith("(") ? object : "(" + object + ")";
        }
    }

    /**
     * The readable form of a raw path.
     *
     * @param moduleName how a script the path starts in is shown, e.g. relative to the app's directory
     */
    public static ReadablePath of(RetainerPath raw, UnaryOperator<String> moduleName) {
        List<RetainerPath.Step> steps = raw.steps();
        if (steps.isEmpty()) {
            return UNREACHABLE;
        }
        Start start;
        int first;
        int module = lastModuleScope(steps);
        int variable = lastIndexOf(steps, "context", steps.size() - 1);
        if (module >= 0 && module < steps.size() - 1) {
            String script = steps.get(module).module();
            start = new Start(StartKind.MODULE, moduleName.apply(script), script);
            first = module + 1;
        } else if (variable >= 2 && steps.get(variable - 2).isClosure()) {
            // The closure, its context, then the variable: the path starts at the function whose scope holds it.
            start = new Start(StartKind.FUNCTION_SCOPE, steps.get(variable - 2).functionName(), "");
            first = variable;
        } else if (globalObjectStep(steps) >= 0) {
            start = new Start(StartKind.GLOBAL, "global", "");
            first = globalObjectStep(steps) + 1;
        } else {
            start = new Start(StartKind.OBJECT, object(steps.get(0)), "");
            first = 1;
        }
        return new ReadablePath(start, elided(collapsed(steps.subList(first, steps.size()))));
    }

    /** The path as one line: {@code server.js (module) › sessions (Map) › {table} (array) › [12] › Session}. */
    public String text() {
        StringBuilder text = new StringBuilder(start.text());
        for (int i = 0; i < hops.size(); i++) {
            Hop hop = hops.get(i);
            text.append(SEPARATOR);
            if (hop.isElided()) {
                text.append("… ").append(NumberText.count(hop.repeats())).append(" more …");
            } else if (hop.repeats() > 1) {
                text.append(hop.edge()).append(' ').append(hop.objectInParentheses()).append(" ×")
                        .append(NumberText.count(hop.repeats()));
            } else if (i == hops.size() - 1) {
                text.append(hop.edge()).append(SEPARATOR).append(hop.object());
            } else {
                text.append(hop.edge()).append(' ').append(hop.objectInParentheses());
            }
        }
        return text.toString();
    }

    /**
     * The variable or property that holds the container the object is in: the last name on the path followed by an
     * element or an engine-internal reference ({@code sessions} in {@code sessions (Map) › {table} › [12] › Session});
     * empty when there is none.
     */
    public String containerName() {
        for (int i = hops.size() - 2; i >= 0; i--) {
            Hop hop = hops.get(i);
            EdgeKind next = hops.get(i + 1).kind();
            if ((hop.kind() == EdgeKind.VARIABLE || hop.kind() == EdgeKind.PROPERTY)
                    && (next == EdgeKind.ELEMENT || next == EdgeKind.INTERNAL)) {
                return hop.edge();
            }
        }
        return "";
    }

    /** References from the start to the object, counting every one a collapsed or elided hop stands for. */
    public int length() {
        return hops.stream().mapToInt(Hop::repeats).sum();
    }

    @Override
    public String toString() {
        return text();
    }

    private static int lastModuleScope(List<RetainerPath.Step> steps) {
        for (int i = steps.size() - 1; i >= 0; i--) {
            if (!steps.get(i).module().isEmpty()) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(List<RetainerPath.Step> steps, String edgeType, int from) {
        for (int i = from; i >= 0; i--) {
            if (steps.get(i).edgeType().equals(edgeType)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The step that reaches the global object from the root: the root's shortcut itself up to Node 24; from Node 26
     * the shortcut reaches the native context, whose {@code global_object} is the next step. -1 when the path does
     * not start there.
     */
    private static int globalObjectStep(List<RetainerPath.Step> steps) {
        RetainerPath.Step first = steps.get(0);
        if ("shortcut".equals(first.edgeType()) && "global".equals(first.edgeName()) || isGlobalObject(first)) {
            return 0;
        }
        return "shortcut".equals(first.edgeType()) && steps.size() > 1 && isGlobalObject(steps.get(1)) ? 1 : -1;
    }

    private static boolean isGlobalObject(RetainerPath.Step step) {
        return step.constructor().startsWith("global");
    }

    /**
     * Consecutive references of one name (or elements) to objects alike become one hop: a linked list reads as one
     * run. References of different names stay apart, however alike their objects.
     */
    private static List<Hop> collapsed(List<RetainerPath.Step> steps) {
        List<Hop> hops = new ArrayList<>();
        for (RetainerPath.Step step : steps) {
            Hop hop = new Hop(edge(step), kind(step), object(step), 1);
            Hop previous = hops.isEmpty() ? null : hops.get(hops.size() - 1);
            boolean sameReference = previous != null && previous.kind() == hop.kind()
                    && (previous.edge().equals(hop.edge()) || hop.kind() == EdgeKind.ELEMENT);
            if (sameReference && previous.object().equals(hop.object())) {
                String edge = previous.edge().equals(hop.edge()) ? hop.edge() : "[…]";
                hops.set(hops.size() - 1, new Hop(edge, hop.kind(), hop.object(), previous.repeats() + 1));
            } else {
                hops.add(hop);
            }
        }
        return hops;
    }

    private static List<Hop> elided(List<Hop> hops) {
        if (hops.size() <= MAX_HOPS) {
            return hops;
        }
        int tail = MAX_HOPS - HEAD_HOPS - 1;
        List<Hop> kept = new ArrayList<>(hops.subList(0, HEAD_HOPS));
        int left = hops.subList(HEAD_HOPS, hops.size() - tail).stream().mapToInt(Hop::repeats).sum();
        kept.add(new Hop("", EdgeKind.ELIDED, "", left));
        kept.addAll(hops.subList(hops.size() - tail, hops.size()));
        return kept;
    }

    private static String object(RetainerPath.Step step) {
        return step.isClosure() ? step.functionName() + "()" : step.constructor();
    }

    private static EdgeKind kind(RetainerPath.Step step) {
        return switch (step.edgeType()) {
            case "context" -> EdgeKind.VARIABLE;
            case "element" -> EdgeKind.ELEMENT;
            case "internal", "hidden", "weak" -> EdgeKind.INTERNAL;
            default -> EdgeKind.PROPERTY;
        };
    }

    private static String edge(RetainerPath.Step step) {
        return switch (kind(step)) {
            case ELEMENT -> "[" + step.edgeName() + "]";
            // V8 names each WeakMap entry after both objects and the table: too long for a path.
            case INTERNAL -> WEAK_MAP_ENTRY.matcher(step.edgeName()).matches() ? "{WeakMap value}"
                    : "{" + step.edgeName() + "}";
            default -> step.edgeName();
        };
    }
}
