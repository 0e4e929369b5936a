package dev.leakgate.gate;

import dev.leakgate.inspector.BreakLocation;
import dev.leakgate.inspector.InspectorException;
import dev.leakgate.inspector.InspectorSession;
import dev.leakgate.snapshot.SourceLocation;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Where V8 can pause in a whole script of the app (with the Debugger on). V8 of Node 24 on lists nothing for a
 * whole script once its top-level code has run and been collected, which a module's has by the time of the
 * diagnosis; function by function it still lists them. So the script's places are, failing the whole listing, those
 * of each of its functions the heap holds closures of.
 */
final class ScriptPlaces {

    private static final Comparator<BreakLocation> IN_SOURCE_ORDER = Comparator.comparingInt(BreakLocation::line)
            .thenComparingInt(BreakLocation::column).thenComparing(BreakLocation::type);

    private final InspectorSession session;
    private final Collection<SourceLocation> functions;

    /** @param functions where the app's functions are defined, as the last snapshot's closures tell */
    ScriptPlaces(InspectorSession session, Collection<SourceLocation> functions) {
        this.session = session;
        this.functions = List.copyOf(functions);
    }

    /** The script's places in source order. */
    List<BreakLocation> of(String scriptId) throws InspectorException, InterruptedException {
        List<BreakLocation> whole = session.breakLocationsOfScript(scriptId);
        if (!whole.isEmpty()) {
            return whole;
        }
        TreeSet<BreakLocation> places = new TreeSet<>(IN_SOURCE_ORDER);
        for (SourceLocation function : functions) {
            if (Integer.toString(function.scriptId()).equals(scriptId)) {
                places.addAll(session.breakLocationsOfFunction(scriptId, function.line(), function.column()));
            }
        }
        return List.copyOf(places);
    }
}
