package dev.leakgate.analysis;

import dev.leakgate.snapshot.TraceFrame;

import java.util.List;
import java.util.Optional;

/**
 * What the running app can tell about its code beyond what a snapshot holds: which statements store into a
 * container, which of them the app passes, and from which line a function calls another. Allocation stacks name
 * functions only; these questions turn a function into the line to change.
 */
public interface SourceProbe {

    /** For snapshots read from files: no app to ask. */
    SourceProbe NONE = new SourceProbe() {
        @Override
        public List<SourceSite> storesInFunction(TraceFrame function, String container) {
            return List.of();
        }

        @Override
        public List<SourceSite> storesInScript(String scriptName, String container) {
            return List.of();
        }

        @Override
        public Optional<SourceSite> mostPassed(List<SourceSite> sites) {
            return Optional.empty();
        }

        @Override
        public Optional<SourceSite> callSite(TraceFrame caller, TraceFrame callee) {
            return Optional.empty();
        }

        @Override
        public Optional<SourceSite> callAround(TraceFrame function, int line, int column) {
            return Optional.empty();
        }

        @Override
        public Optional<SourceSite> setUpOf(String packageName) {
            return Optional.empty();
        }

        @Override
        public Optional<SourceSite> listenerRegistration(TraceFrame function) {
            return Optional.empty();
        }
    };

    /**
     * The statements of the function (not of functions nested in it), in source order, that store into a container
     * held under this name: add to it ({@code sessions.set(...)}, {@code audit.push(...)}, {@code cache[key] = ...})
     * or replace it ({@code auditTrail = Buffer.concat(...)}).
     */
    List<SourceSite> storesInFunction(TraceFrame function, String container);

    /** Such statements anywhere in the script, as the heap names it; empty when the app has no such script. */
    List<SourceSite> storesInScript(String scriptName, String container);

    /** Of these places, the one the app passes most while it serves a few requests; empty when it passes none. */
    Optional<SourceSite> mostPassed(List<SourceSite> sites);

    /** Where {@code caller} calls {@code callee}, as seen while the app runs the requests that leak. */
    Optional<SourceSite> callSite(TraceFrame caller, TraceFrame callee);

    /**
     * The call in the function, on the same line, that a function defined at this place (0-based) is passed to:
     * {@code configBus.on} for {@code configBus.on('reload', function onReload() ...)}.
     */
    Optional<SourceSite> callAround(TraceFrame function, int line, int column);

    /**
     * The call in the function (not in functions nested in it) that registers a listener: {@code priceFeed.on(...)},
     * {@code addListener}, {@code once}, {@code addEventListener} and their kin; the first when there are several.
     */
    Optional<SourceSite> listenerRegistration(TraceFrame function);

    /**
     * Where the app sets up a package it loads: the first call of what it gets from {@code require('express-session')}
     * or {@code import session from 'express-session'} ({@code session({...})}, {@code new LRUCache(...)}), else the
     * line that loads it; empty when no script of the app loads it.
     */
    Optional<SourceSite> setUpOf(String packageName);

    /**
     * A place in a script, with its line's source.
     *
     * @param scriptId   V8's script id
     * @param scriptName as the heap names the script (see {@link TraceFrame#scriptName})
     * @param line       0-based
     * @param column     0-based
     * @param function   the function it lies in, when known; else empty
     * @param code       the line's source, trimmed
     * @param callee     the expression called there ({@code sessions.set}, {@code new JSDOM}), or empty
     */
    record SourceSite(int scriptId, String scriptName, int line, int column, String function, String code,
                      String callee) {

        public SourceSite inFunction(String name) {
            return new SourceSite(scriptId, scriptName, line, column, name, code, callee);
        }
    }
}
