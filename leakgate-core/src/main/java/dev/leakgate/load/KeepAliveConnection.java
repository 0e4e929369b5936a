package dev.leakgate.load;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client connection that carries requests one after another, reconnecting whenever the server closed it.
 *
 * <p>The socket stays in blocking mode: one {@code write} and one {@code read} per request, where a socket timeout
 * would cost a non-blocking read, a poll and another read. Request timeouts are enforced from outside instead: a
 * {@link PhaseSupervisor} calls {@link #expireIfOverdue} and closes the socket of an overdue exchange, which unblocks
 * the worker.
 *
 * <p>Used by one worker thread at a time; only {@link #close()} and {@link #expireIfOverdue} may be called from other
 * threads.
 */
final class KeepAliveConnection implements AutoCloseable {

    /** Values of {@link #watchedDeadline} besides a deadline, which counts from {@link #epochNanos} and is never negative. */
    private static final long IDLE = -1;
    private static final long EXPIRED = -2;

    private final Endpoint endpoint;
    private final ResponseReader reader = new ResponseReader();
    private final long epochNanos = System.nanoTime();
    /**
     * Deadline of the exchange in progress, {@link #IDLE}, or {@link #EXPIRED} once the supervisor closed the socket over
     * it. One atomic value, so the supervisor can never expire an exchange that already made way for the next one.
     */
    private final AtomicLong watchedDeadline = new AtomicLong(IDLE);
    private volatile Socket socket;
    private OutputStream out;
    /** True once the current socket carried a response: only then can its silent closing by the server explain a failure. */
    private boolean reused;

    KeepAliveConnection(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * Sends {@code request} and reads its response.
     *
     * <p>A server may close an idle keep-alive connection just as a request is written to it. When a reused connection
     * fails before any byte of the response arrived, the request is sent once more on a fresh connection, as browsers
     * do; any other failure is final, and the connection is dropped so the next request starts clean.
     *
     * @param deadlineNanos when the whole exchange, connecting included, must be complete, in {@link System#nanoTime()} terms
     * @return the response's status code
     */
    int exchange(WireRequest request, long deadlineNanos) throws RequestFailure {
        watchedDeadline.set(Math.max(0, deadlineNanos - epochNanos));
        try {
            return exchangeOnce(request, deadlineNanos);
        } finally {
            if (watchedDeadline.getAndSet(IDLE) == EXPIRED) {
                // The supervisor closed the socket, maybe just after the response was complete: start clean next time.
                discard();
            }
        }
    }

    /**
     * Closes the socket if the exchange in progress is past its deadline at {@code nowNanos}; a blocked worker then
     * fails with a timeout. Called by the {@link PhaseSupervisor}'s thread.
     */
    void expireIfOverdue(long nowNanos) {
        long deadline = watchedDeadline.get();
        if (deadline >= 0 && nowNanos - epochNanos > deadline && watchedDeadline.compareAndSet(deadline, EXPIRED)) {
            close();
        }
    }

    /** Bytes received on this connection since it was created, over all reconnects. */
    long bytesRead() {
        return reader.bytesRead();
    }

    /** Closes the current socket; safe from any thread, and unblocks a worker waiting for a response. */
    @Override
    public void close() {
        Socket current = socket;
        if (current != null) {
            closeQuietly(current);
        }
    }

    private int exchangeOnce(WireRequest request, long deadlineNanos) throws RequestFailure {
        boolean staleConnectionPossible = socket != null && reused;
        try {
            return attempt(request, deadlineNanos);
        } catch (RequestFailure failure) {
            discard();
            if (staleConnectionPossible && failure.kind() == ErrorKind.RESET && failure.beforeResponse()) {
                try {
                    return attempt(request, deadlineNanos);
                } catch (RequestFailure retryFailure) {
                    discard();
                    throw retryFailure;
                }
            }
            throw failure;
        }
    }

    private int attempt(WireRequest request, long deadlineNanos) throws RequestFailure {
        if (socket == null) {
            connect(deadlineNanos);
        }
        try {
            out.write(request.bytes());
        } catch (IOException e) {
            if (System.nanoTime() - deadlineNanos >= 0) {
                throw new RequestFailure(ErrorKind.TIMEOUT, true, "could not send the request within the request timeout", e);
            }
            throw new RequestFailure(ErrorKind.RESET, true, "could not send the request: " + e.getMessage(), e);
        }
        int status = reader.read(request.expectsNoBody(), deadlineNanos);
        if (reader.lastKeepsConnection()) {
            reused = true;
        } else {
            discard();
        }
        return status;
    }

    private void connect(long deadlineNanos) throws RequestFailure {
        if (System.nanoTime() - deadlineNanos >= 0) {
            throw new RequestFailure(ErrorKind.TIMEOUT, true, "request timeout expired before connecting", null);
        }
        Socket fresh = new Socket();
        // Published before connecting, so that the supervisor can cut a connect that outlasts the request timeout. A
        // connect with a timeout of its own would switch the socket to non-blocking mode for good.
        socket = fresh;
        if (watchedDeadline.get() == EXPIRED) {
            // The supervisor expired this exchange before it could see the new socket; connecting might block for minutes.
            discard();
            throw new RequestFailure(ErrorKind.TIMEOUT, true, "request timeout expired before connecting", null);
        }
        try {
            // Requests go out in one write; without this, Nagle's algorithm can hold back a request's tail.
            fresh.setTcpNoDelay(true);
            fresh.connect(new InetSocketAddress(endpoint.host(), endpoint.port()));
            reader.attach(fresh.getInputStream());
            out = fresh.getOutputStream();
        } catch (IOException e) {
            discard();
            String reason = System.nanoTime() - deadlineNanos >= 0 ? "no connection within the request timeout" : e.getMessage();
            throw new RequestFailure(ErrorKind.CONNECT, true, "cannot connect to " + endpoint + ": " + reason, e);
        }
        reused = false;
    }

    /** Drops the current socket so that the next request connects afresh; worker thread only. */
    private void discard() {
        Socket current = socket;
        socket = null;
        out = null;
        if (current != null) {
            closeQuietly(current);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is best effort: the socket is abandoned either way
        }
    }
}
