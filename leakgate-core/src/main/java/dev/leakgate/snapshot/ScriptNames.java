package dev.leakgate.snapshot;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What the heap itself says about scripts: V8 keeps each function's script (a {@code Script} object
 * named after the file) behind the closure, {@code closure → shared → script_or_debug_info}. A
 * snapshot read from a file has no {@code Debugger.scriptParsed} events to name its script ids;
 * this names them from the closures the {@code locations} place in each script.
 *
 * <p>It also recognises a module's top-level scope and names it: the function context whose
 * {@code previous} context is the native context, i.e. the outermost function of a script (for a
 * CommonJS module Node's module wrapper, for an ES module the module itself). The context does not
 * name its script; the functions defined at the module's top level do, since they close over it.
 */
final class ScriptNames {

    private final HeapGraph graph;
    private final int closureType;
    private final int sharedName;
    private final int scriptOrDebugInfoName;
    private final int scriptName;
    private final int contextName;
    private final int previousName;
    private Map<Integer, String> moduleNames;

    ScriptNames(HeapGraph graph) {
        this.graph = graph;
        this.closureType = graph.meta().nodeType("closure");
        this.sharedName = graph.stringIndex("shared");
        this.scriptOrDebugInfoName = graph.stringIndex("script_or_debug_info");
        this.scriptName = graph.stringIndex("script");
        this.contextName = graph.stringIndex("system / Context");
        this.previousName = graph.stringIndex("previous");
    }

    /** Script id to name, for every script with a located closure. */
    Map<Integer, String> byScriptId(SourceLocations locations) {
        Map<Integer, String> names = new HashMap<>();
        for (int k = 0; k < locations.size(); k++) {
            int node = locations.node(k);
            if (graph.nodeType(node) == closureType && !names.containsKey(locations.scriptId(k))) {
                String script = scriptOf(node);
                if (!script.isEmpty()) {
                    names.put(locations.scriptId(k), script);
                }
            }
        }
        return Map.copyOf(names);
    }

    /** The name of the script a closure's function is defined in, or empty when the heap does not say. */
    String scriptOf(int closure) {
        if (graph.nodeType(closure) != closureType) {
            return "";
        }
        int shared = target(closure, sharedName);
        int script = shared < 0 ? -1 : target(shared, scriptOrDebugInfoName);
        if (script < 0 && shared >= 0) {
            script = target(shared, scriptName);
        }
        if (script >= 0 && target(script, scriptName) >= 0) {
            script = target(script, scriptName); // debug info in between, while a debugger is attached
        }
        return script < 0 ? "" : graph.name(script);
    }

    /** Whether the node is the top-level scope of a script: a function context right below the native context. */
    boolean isModuleScope(int node) {
        if (contextName < 0 || graph.nameIndex(node) != contextName) {
            return false;
        }
        int previous = target(node, previousName);
        return previous >= 0 && graph.isNativeContext(previous);
    }

    /**
     * The script whose top-level scope the node is, named after a function that closes over it; empty when the
     * node is no module scope or no such function is in the heap.
     */
    synchronized String moduleOf(int node) {
        if (moduleNames == null) {
            moduleNames = moduleNames();
        }
        return moduleNames.getOrDefault(node, "");
    }

    /** The module scopes of the scripts that pass the test, in node order. */
    synchronized int[] moduleScopesOf(Predicate<String> scripts) {
        if (moduleNames == null) {
            moduleNames = moduleNames();
        }
        return moduleNames.entrySet().stream().filter(module -> scripts.test(module.getValue()))
                .mapToInt(Map.Entry::getKey).sorted().toArray();
    }

    /** One pass over the closures: the module scope each one closes over, named by the closure's script. */
    private Map<Integer, String> moduleNames() {
        Map<Integer, String> names = new HashMap<>();
        int closureContext = graph.stringIndex("context");
        for (int node = 0; node < graph.nodeCount(); node++) {
            if (graph.nodeType(node) != closureType) {
                continue;
            }
            int context = target(node, closureContext);
            if (context >= 0 && !names.containsKey(context) && isModuleScope(context)) {
                String script = scriptOf(node);
                if (!script.isEmpty()) {
                    names.put(context, script);
                }
            }
        }
        return names;
    }

    /** The node a string-named edge leads to, or -1. */
    private int target(int node, int name) {
        if (name < 0) {
            return -1;
        }
        for (int edge = graph.edgesStart(node); edge < graph.edgesEnd(node); edge++) {
            if (graph.hasStringName(edge) && graph.edgeNameIndex(edge) == name) {
                return graph.edgeTarget(edge);
            }
        }
        return -1;
    }
}
