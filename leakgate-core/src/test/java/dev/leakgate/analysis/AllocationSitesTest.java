package dev.leakgate.analysis;

import dev.leakgate.inspector.CallFrame;
import dev.leakgate.inspector.SampledAllocation;
import dev.leakgate.snapshot.SourceLocation;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AllocationSitesTest {

    private static final Path APP = Path.of("/srv/app").toAbsolutePath();
    private static final String SERVER = APP.resolve("server.js").toString();

    private final ScriptCatalog scripts = new ScriptCatalog(Map.of("7", APP.resolve("server.js").toUri().toString()), APP);

    @Test
    void stackThroughTheConstructorComesFirstAndShowsTheAppsFrames() {
        List<SampledAllocation> survivors = List.of(
                allocation(900, frame("emit", "node:events", "1", 470), frame("handler", SERVER, "7", 13),
                        frame("pushRecord", SERVER, "7", 19), frame("RequestRecord", SERVER, "7", 2)),
                allocation(300, frame("handler", SERVER, "7", 13), frame("", "", "0", -1)),
                allocation(5000, frame("parserOnHeadersComplete", "node:_http_common", "2", 70)));

        List<AllocationStack> stacks = new AllocationSites(survivors, scripts)
                .stacksFor("RequestRecord", List.of(new SourceLocation(7, 2, 14)));

        assertEquals(List.of(new AllocationStack("server.js:20 pushRecord › server.js:3 RequestRecord", "server.js:3", 900)),
                stacks);
    }

    @Test
    void withoutAnExactMatchFramesOfTheSameScriptAreShown() {
        List<SampledAllocation> survivors = List.of(
                allocation(400, frame("handle", "/srv/app/node_modules/router/index.js", "3", 447),
                        frame("", SERVER, "7", 27), frame("set", "", "0", -1)),
                allocation(5000, frame("parserOnHeadersComplete", "node:_http_common", "2", 70)));

        List<AllocationStack> stacks = new AllocationSites(survivors, scripts)
                .stacksFor("Map", List.of(new SourceLocation(7, 5, 0)));

        assertEquals(List.of(new AllocationStack(
                "node_modules/router/index.js:448 handle › server.js:28 (anonymous) › set", "server.js:28", 400)), stacks);
    }

    private static SampledAllocation allocation(long bytes, CallFrame... stack) {
        return new SampledAllocation(List.of(stack), bytes);
    }

    private static CallFrame frame(String name, String url, String scriptId, int line) {
        return new CallFrame(name, scriptId, url, line);
    }
}
