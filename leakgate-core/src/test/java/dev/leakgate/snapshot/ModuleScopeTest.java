package dev.leakgate.snapshot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A module's top-level scope is named after the script of a function that closes over it, whichever way the path
 * reaches the scope, and however the Node version names its native context.
 */
class ModuleScopeTest {

    @ParameterizedTest(name = "native context named \"{0}\"")
    @ValueSource(strings = {"system / NativeContext", "system / NativeContext / ", "system / NativeContext / file:///x"})
    void aModuleScopeOnThePathCarriesItsScript(String nativeContextName) throws IOException {
        ModuleHeap heap = new ModuleHeap(nativeContextName);

        List<RetainerPath.Step> steps = heap.snapshot().shortestRetainerPath(heap.sessions).steps();

        RetainerPath.Step scope = steps.get(steps.size() - 2);
        assertEquals("context", scope.edgeName());
        assertEquals("/srv/app/server.js", scope.module());
        assertEquals("sessions", steps.get(steps.size() - 1).edgeName());
    }

    @Test
    void aFunctionScopeIsNoModuleScope() throws IOException {
        ModuleHeap heap = new ModuleHeap("system / NativeContext");

        List<RetainerPath.Step> steps = heap.snapshot().shortestRetainerPath(heap.inner).steps();

        assertEquals("", steps.get(steps.size() - 2).module(), "a handler's own scope, below the module's");
    }

    /**
     * A CommonJS module as V8 lays it out: a handler function (reached from a root, as a server's listener would be)
     * whose context is the module's scope, whose {@code previous} is the native context; the scope holds
     * {@code sessions}. A second function's scope below it holds {@code inner}.
     */
    private static final class ModuleHeap {

        private final SnapshotJson json = new SnapshotJson();
        final int sessions;
        final int inner;

        ModuleHeap(String nativeContextName) {
            int script = json.node("code", "/srv/app/server.js", 32);
            int shared = json.node("code", "handler", 32);
            json.edge(shared, "internal", "script", script);
            int module = scope(json.node("hidden", nativeContextName, 16));
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
