package dev.leakgate.gate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leakgate.inspector.BreakLocation;
import dev.leakgate.inspector.InspectorSession;
import dev.leakgate.snapshot.SourceLocation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The places of a script of a running app, once its top-level code has run and a GC has gone by: as at the
 * diagnosis, where they keep the app's functions unoptimized and find the statements that store into a container.
 */
class ScriptPlacesTest {

    private static final String APP_URL = Path.of("src/test/node/gate/app.js").toAbsolutePath().toUri().toString();
    /** The request handler, {@code http.createServer((req, res) => ...} on line 29: 0-based 28, column 33. */
    private static final int HANDLER_LINE = 28;
    private static final int HANDLER_COLUMN = 33;
    /** {@code const record = new RequestRecord(req.url);}, 0-based. */
    private static final int RECORD_LINE = 37;

    @Test
    void aScriptWhoseTopLevelCodeIsGoneStillListsThePlacesOfItsLiveFunctions() throws Exception {
        try (ExternalApp app = ExternalApp.start("clean");
             InspectorSession session = InspectorSession.connect(app.inspectorUrl(), Duration.ofSeconds(10))) {
            session.enableDomains();
            session.collectGarbage();
            Map<String, String> scripts = session.enableDebugger();
            String scriptId = scripts.entrySet().stream().filter(script -> script.getValue().equals(APP_URL))
                    .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new AssertionError(scripts.values()));
            ScriptPlaces places = new ScriptPlaces(session,
                    List.of(new SourceLocation(Integer.parseInt(scriptId), HANDLER_LINE, HANDLER_COLUMN)));

            List<BreakLocation> listed = places.of(scriptId);

            assertTrue(listed.stream().anyMatch(place -> place.line() == RECORD_LINE && place.isCall()),
                    listed.toString());
            assertTrue(listed.stream().anyMatch(BreakLocation::isReturn), listed.toString());
        }
    }
}
