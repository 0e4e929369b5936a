package dev.leakgate.inspector;

import java.util.concurrent.TimeoutException;

/** How a session's messages reach Node: the inspector's WebSocket, or for a worker its parent session. */
interface CdpTransport {

    /**
     * Sends one message, waiting at most until {@code deadline} ({@link System#nanoTime()} terms). A broken
     * connection is told to the session's dispatcher, which fails the call waiting for the answer.
     */
    void send(String message, long deadline) throws InterruptedException, TimeoutException;

    /** Whether Node can still be reached, checked while a call waits long; a guess that errs towards yes. */
    boolean reachable();

    /** What {@link #reachable} found missing, for the message of the calls it fails. */
    String unreachableReason();

    /** Ends the connection; never throws. */
    void close();
}
