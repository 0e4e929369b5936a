package dev.leakgate.analysis;

/**
 * The line of the app's own code to change for a leak: where its objects are stored, or allocated, or handed to
 * the library that keeps them, or where that library is set up.
 *
 * @param location exact where the kind says so, else where the function starts
 * @param function the function it lies in; empty when not known (a module's top level)
 * @param kind     how the line was found, which says what it does
 * @param code     the line's source, trimmed; empty when the source was not available
 * @param callee   what the line calls that keeps the objects ({@code setInterval}, {@code sessions.set}), or for a
 *                 set-up the package it sets up ({@code express-session}); empty when the kind is no call or the
 *                 call's text was not found
 */
public record FixSite(CodeLocation location, String function, Kind kind, String code, String callee) {

    /** How a fix site was found. */
    public enum Kind {
        /** The statement that adds the leak's objects to the collection that keeps them. */
        STORE,
        /** The call from the app into the code (a library's, Node's, or its own constructor) that made the objects. */
        CALL,
        /**
         * Where the app sets up the package that keeps the objects, which the app does not call when it makes them:
         * the middleware's options, the cache's bound.
         */
        SETUP,
        /** Where the function the leak keeps is defined: a listener, a callback. */
        CLOSURE,
        /** The app function that allocated the objects; its exact line was not found, so this is where it starts. */
        FUNCTION
    }
}
