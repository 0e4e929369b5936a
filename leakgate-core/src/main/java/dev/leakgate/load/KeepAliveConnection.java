package dev.leakgate.load;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * One client connection that carries requests one after another, reconnecting whenever the server closed it.
 *
 * <p>Used by one worker thread at a time; only {@link #close()} may be called from another thread, to unblock it.
 */
final class KeepAliveConnection implements AutoCloseable {

    private final Endpoint endpoint;
    private final ResponseReader reader = new ResponseReader();
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
     * @return the response's status code
     */
    int exchange(WireRequest request, long deadlineNanos) throws RequestFailure {
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

    private int attempt(WireRequest request, long deadlineNanos) throws RequestFailure {
        if (socket == null) {
            connect(deadlineNanos);
        }
        try {
            out.write(request.bytes());
        } catch (IOException e) {
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
        long remainingMillis = (deadlineNanos - System.nanoTime()) / 1_000_000;
        if (remainingMillis <= 0) {
            throw new RequestFailure(ErrorKind.TIMEOUT, true, "request timeout expired before connecting", null);
        }
        Socket fresh = new Socket();
        try {
            // Requests go out in one write; without this, Nagle's algorithm can hold back a request's tail.
            fresh.setTcpNoDelay(true);
            fresh.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), (int) Math.min(Integer.MAX_VALUE, remainingMillis));
            reader.attach(fresh);
            out = fresh.getOutputStream();
        } catch (IOException e) {
            closeQuietly(fresh);
            throw new RequestFailure(ErrorKind.CONNECT, true, "cannot connect to " + endpoint + ": " + e.getMessage(), e);
        }
        socket = fresh;
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
