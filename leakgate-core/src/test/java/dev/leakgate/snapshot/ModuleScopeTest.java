package dev.leakgate.snapshot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A module's top-level scope is named after the script of a function that closes over it, whichever way the path
 * reaches the scope, and however the Node version names its native context; the app's own module scopes are where
 * paths start.
 */
class ModuleScopeTest {

    private static final String APP_SCRIPT = "/srv/app/server.js";
    private static final String LIBRARY_SCRIPT = "/srv/app/node_modules/store/index.js";

    @ParameterizedTest(name = "native context named \"{0}\"")
    @ValueSource(strings = {"system / NativeContext", "system / NativeContext / ", "system / NativeContext / file:///x"})
    void aModuleScopeOnThePathCarriesItsScript(String nativeContextName) throws IOException {
        ModuleHeap heap = new ModuleHeap(nativeContextName, LIBRARY_SCRIPT);

        List<RetainerPath.Step> steps = heap.snapshot().shortestRetainerPath(heap.sessions).steps();

        RetainerPath.Step scope = steps.get(steps.size() - 2);
        assertEquals("context", scope.edgeName());
        assertEquals(LIBRARY_SCRIPT, scope.module());
        assertEquals("sessions", steps.get(steps.size() - 1).edgeName());
    }

    @Test
    void aPathToWhatTheAppsModuleHoldsStartsAtItsScope() throws IOException {
        ModuleHeap heap = new ModuleHeap("system / NativeContext", APP_SCRIPT);

        List<RetainerPath.Step> steps = heap.snapshot().shortestRetainerPath(heap.sessions).steps();

        assertEquals(2, steps.size(), "not the root's way in, through the handler that closes over the scope");
        assertEquals(APP_SCRIPT, steps.get(0).module());
        assertEquals("sessions", steps.get(1).edgeName());
    }

    @Test
    void aGlobalIsReachedFromTheGlobalObjectNotUpTheAppsScopeChain() throws IOException {
        ModuleHeap heap = new ModuleHeap("system / NativeContext", APP_SCRIPT);

        List<RetainerPath.Step> steps = heap.snapshot().shortestRetainerPath(heap.globalCache).steps();

        assertEquals(List.of("global", "cache"), steps.stream().map(RetainerPath.Step::edgeName).toList());
    }

    @Test
    void aFunctionScopeIsNoModuleScope() throws IOException {
        ModuleHeap heap = new ModuleHeap("system / NativeContext", APP_SCRIPT);

        List<RetainerPath.Step> steps = heap.snapshot().shortestRetainerPath(heap.inner).steps();

        assertEquals("", steps.get(steps.size() - 2).module(), "a handler's own scope, below the module's");
    }

    /**
     * A CommonJS module as V8 lays it out: a handler function (reached from a root, as a server's listener would be)
     * whose context is the module's scope, whose {@code previous} is the native context; the scope holds
     * {@code sessions}. A second function's scope below it holds {@code inner}. The native context holds the global
     * object, a root too, whose {@code cache} is {@code globalCache}.
     */
    private static final class ModuleHeap {

        private final SnapshotJson json = new SnapshotJson();
        final int sessions;
        final int inner;
        final int globalCache;

        ModuleHeap(String nativeContextName, String scriptName) {
            int script = json.node("code", scriptName, 32);
            int shared = json.node("code", "handler", 32);
            json.edge(shared, "internal", "script", script);
            int nativeContext = json.node("hidden", nativeContextName, 16);
            int global = json.node("object", "global", 16);
            json.edge(nativeContext, "internal", "global_object", global);
            globalCache = json.node("object", "Map", 16);
            json.edge(global, "property", "cache", globalCache);
            json.edge(json.root(), "shortcut", "global", global);
            int module = scope(nativeContext);
            sessions = variable(module, "sessions", "Map");
            closure("handler", shared, module, "1");
            int functionScope = scope(module);
            inner = variable(functionScope, "inner", "Array");
            closure("onRequest", shared, functionScope, "2");
        }

        private int scope(int previous) {
            int scope = json.node("object", "system / Context", 48);
            json.edge(scope, "internal", "previous", previous);
            return scope;
        }

        private int variable(int scope, String name, String constructor) {
            int object = json.node("object", constructor, 16);
            json.edge(scope, "context", name, object);
            return object;
        }

        /** A function of the script closing over the scope, held by the root as a server holds its listener. */
        private void closure(String name, int shared, int scope, String rootElement) {
            int closure = json.node("closure", name, 32);
            json.edge(closure, "internal", "shared", shared).edge(closure, "internal", "context", scope);
            json.edge(json.root(), "element", rootElement, closure);
        }

        HeapSnapshot snapshot() throws IOException {
            return json.read(ReadMode.GRAPH);
        }
    }
}
