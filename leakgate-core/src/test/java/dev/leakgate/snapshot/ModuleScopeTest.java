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
            int nativeContext = json.node("hidden", nativeContextName, 16);
            int script = json.node("code", "/srv/app/server.js", 32);
            int shared = json.node("code", "handler", 32);
            json.edge(shared, "internal", "script", script);
            int module = json.node("object", "system / Context", 48);
            json.edge(module, "internal", "previous", nativeContext);
            int handler = json.node("closure", "handler", 32);
            json.edge(handler, "internal", "shared", shared).edge(handler, "internal", "context", module);
            json.edge(json.root(), "element", "1", handler);
            sessions = json.node("object", "Map", 32);
            json.edge(module, "context", "sessions", sessions);
            int functionScope = json.node("object", "system / Context", 32);
            json.edge(functionScope, "internal", "previous", module);
            int listener = json.node("closure", "onRequest", 32);
            json.edge(listener, "internal", "shared", shared).edge(listener, "internal", "context", functionScope);
            json.edge(json.root(), "element", "2", listener);
            inner = json.node("object", "Array", 16);
            json.edge(functionScope, "context", "inner", inner);
        }

        HeapSnapshot snapshot() throws IOException {
            return json.read(ReadMode.GRAPH);
        }
    }
}
