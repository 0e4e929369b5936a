package dev.leakgate.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.channels.UnresolvedAddressException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One client connection that carries requests one after another, reconnecting whenever the server closed it.
 *
 * <p>The socket is non-blocking: an exchange moves on whenever the phase's selector reports the socket ready, so that
 * one thread drives every connection and a single wakeup can serve many responses. Request timeouts are the
 * {@link PhaseLoop}'s to check, with {@link #failIfOverdue}.
 *
 * <p>Used by the phase's thread only; only {@link #close()} may be called from other threads.
 */
final class KeepAliveConnection implements AutoCloseable {

    /** What {@link #advance} returns while the exchange is not complete. */
    static final int IN_PROGRESS = -1;

    private final Endpoint endpoint;
    private final int id;
    private final ResponseParser parser = new ResponseParser();
    private volatile SocketChannel channel;
    private Selector selector;
    private SelectionKey key;
    private boolean connecting;
    /** True once the current socket carried a response: only then can its silent closing by the server explain a failure. */
    private boolean reused;
    /** Whether the attempt in progress went out on a reused socket, which the server may have closed meanwhile. */
    private boolean staleConnectionPossible;
    /** The request of the exchange in progress, or null between exchanges. */
    private WireRequest request;
    /** By request of the mix: this connection's own view of its bytes, made the first time it sends the request. */
    private final Map<WireRequest, ByteBuffer> views = new IdentityHashMap<>();
    /** Where requests that vary from send to send, or carry cookies, are written; grown when one does not fit. */
    private ByteBuffer written = ByteBuffer.allocateDirect(1024);
    /** The cookies the responses set, kept over reconnects; null when the generator keeps none. */
    private final CookieJar cookies;
    private final List<String> setCookies = new ArrayList<>();
    /** The path of the exchange in progress, for the cookies its response sets; only kept with cookies. */
    private String requestPath;
    private ByteBuffer unsent;
    private long deadlineNanos;
    private long bytesRead;

    /**
     * @param id      this connection's position among the generator's connections
     * @param cookies whether to keep the cookies responses set and send them back
     */
    KeepAliveConnection(Endpoint endpoint, int id, boolean cookies) {
        this.endpoint = endpoint;
        this.id = id;
        this.cookies = cookies ? new CookieJar() : null;
        if (cookies) {
            parser.collectSetCookies(setCookies);
        }
    }

    int id() {
        return id;
    }

    /** Bytes received on this connection since it was created, over all reconnects. */
    long bytesRead() {
        return bytesRead;
    }

    /**
     * Makes {@code phaseSelector} watch this connection from now on. Connections stay open between phases; an exchange
     * abandoned by an interrupted phase is forgotten.
     */
    void watchWith(Selector phaseSelector) {
        selector = phaseSelector;
        request = null;
        SocketChannel current = channel;
        if (current == null) {
            return;
        }
        try {
            key = current.register(phaseSelector, SelectionKey.OP_READ, this);
        } catch (ClosedChannelException e) {
            discard();
        }
    }

    /**
     * Starts sending {@code request}, connecting first if needed; {@link #advance} carries the exchange on.
     *
     * <p>A server may close an idle keep-alive connection just as a request is written to it. When a reused connection
     * fails before any byte of the response arrived, the request is sent once more on a fresh connection, as browsers
     * do; any other failure is final, and the connection is dropped so the next request starts clean.
     *
     * @param sequence      the request's sequence number in the run, for {@code {{seq}}}
     * @param deadlineNanos when the whole exchange, connecting included, must be complete, in {@link System#nanoTime()} terms
     * @throws RequestFailure when the exchange failed at once, e.g. the connection was refused
     */
    void start(WireRequest request, long sequence, long deadlineNanos) throws RequestFailure {
        this.request = request;
        this.deadlineNanos = deadlineNanos;
        unsent = bytesOf(request, sequence);
        try {
            attempt();
        } catch (RequestFailure failure) {
            recover(failure);
        }
    }

    /**
     * Moves on after the selector reported {@code readyKey} ready.
     *
     * @param buffer where to receive bytes; shared by all connections, its content matters only during this call
     * @return the status code once the response is complete, otherwise {@link #IN_PROGRESS}
     */
    int advance(SelectionKey readyKey, ByteBuffer buffer) throws RequestFailure {
        if (readyKey != key) {
            // the socket of an earlier exchange, already dropped
            return IN_PROGRESS;
        }
        if (request == null) {
            dropIfServerSpokeWhileIdle(buffer);
            return IN_PROGRESS;
        }
        try {
            return step(buffer);
        } catch (RequestFailure failure) {
            return recover(failure);
        }
    }

    /** Fails the exchange in progress if it is past its deadline at {@code nowNanos}, dropping the socket. */
    void failIfOverdue(long nowNanos) throws RequestFailure {
        if (request == null || nowNanos - deadlineNanos < 0) {
            return;
        }
        boolean wasConnecting = connecting;
        boolean responseStarted = parser.responseStarted();
        discard();
        request = null;
        if (wasConnecting) {
            throw new RequestFailure(ErrorKind.CONNECT, true,
                    "cannot connect to " + endpoint + ": no connection within the request timeout", null);
        }
        throw new RequestFailure(ErrorKind.TIMEOUT, !responseStarted, "no complete response within the request timeout", null);
    }

    /** Closes the current socket; safe from any thread. */
    @Override
    public void close() {
        SocketChannel current = channel;
        if (current != null) {
            closeQuietly(current);
        }
    }

    /** The bytes of this send: the request's own when they never change, else written for it. */
    private ByteBuffer bytesOf(WireRequest request, long sequence) {
        if (cookies == null && !request.varies()) {
            return views.computeIfAbsent(request, WireRequest::view);
        }
        byte[] cookieHeader = null;
        if (cookies != null) {
            requestPath = request.pathFor(sequence);
            cookieHeader = cookies.header(requestPath, System.currentTimeMillis());
        }
        int length = request.length(sequence, cookieHeader == null ? 0 : cookieHeader.length);
        if (written.capacity() < length) {
            written = ByteBuffer.allocateDirect(Math.max(length, 2 * written.capacity()));
        }
        return request.render(written, sequence, cookieHeader);
    }

    private void attempt() throws RequestFailure {
        staleConnectionPossible = channel != null && reused;
        parser.begin(request.expectsNoBody());
        unsent.rewind();
        if (channel == null) {
            connect();
        }
        if (!connecting) {
            send();
        }
    }

    private int recover(RequestFailure failure) throws RequestFailure {
        discard();
        setCookies.clear();
        if (staleConnectionPossible && failure.kind() == ErrorKind.RESET && failure.beforeResponse()) {
            try {
                attempt();
                return IN_PROGRESS;
            } catch (RequestFailure retryFailure) {
                // attempt() found no reused socket this time, so this ends the exchange
                return recover(retryFailure);
            }
        }
        request = null;
        throw failure;
    }

    private int step(ByteBuffer buffer) throws RequestFailure {
        if (connecting) {
            if (key.isConnectable()) {
                finishConnect();
            }
            return IN_PROGRESS;
        }
        if (key.isWritable() && unsent.hasRemaining()) {
            send();
        }
        return key.isReadable() ? receive(buffer) : IN_PROGRESS;
    }

    private void connect() throws RequestFailure {
        try {
            SocketChannel fresh = SocketChannel.open();
            channel = fresh;
            reused = false;
            fresh.configureBlocking(false);
            // Requests go out in one write; without this, Nagle's algorithm can hold back a request's tail.
            fresh.setOption(StandardSocketOptions.TCP_NODELAY, true);
            key = fresh.register(selector, SelectionKey.OP_CONNECT, this);
            connecting = !fresh.connect(new InetSocketAddress(endpoint.host(), endpoint.port()));
            if (!connecting) {
                key.interestOps(SelectionKey.OP_READ);
            }
        } catch (IOException | UnresolvedAddressException e) {
            throw connectFailure(e);
        }
    }

    private void finishConnect() throws RequestFailure {
        try {
            if (!channel.finishConnect()) {
                return;
            }
        } catch (IOException e) {
            throw connectFailure(e);
        }
        connecting = false;
        key.interestOps(SelectionKey.OP_READ);
        send();
    }

    private RequestFailure connectFailure(Exception e) {
        String reason = e instanceof UnresolvedAddressException ? "unknown host" : e.getMessage();
        return new RequestFailure(ErrorKind.CONNECT, true, "cannot connect to " + endpoint + ": " + reason, e);
    }

    /** Writes as much of the request as the socket takes, and asks to hear when it takes more. */
    private void send() throws RequestFailure {
        try {
            channel.write(unsent);
        } catch (IOException e) {
            throw new RequestFailure(ErrorKind.RESET, true, "could not send the request: " + e.getMessage(), e);
        }
        int interest = unsent.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ;
        if (key.interestOps() != interest) {
            key.interestOps(interest);
        }
    }

    private int receive(ByteBuffer buffer) throws RequestFailure {
        int count = read(buffer);
        if (count == 0) {
            return IN_PROGRESS;
        }
        if (count < 0) {
            parser.endOfStream();
            discard();
            return complete();
        }
        int end = parser.parse(buffer.array(), 0, count);
        if (end < 0) {
            return IN_PROGRESS;
        }
        // Bytes beyond the response, or a response before the whole request went out, leave the socket out of step.
        if (parser.keepsConnection() && end == count && !unsent.hasRemaining()) {
            reused = true;
        } else {
            discard();
        }
        return complete();
    }

    private int complete() {
        request = null;
        if (cookies != null && !setCookies.isEmpty()) {
            long now = System.currentTimeMillis();
            for (String value : setCookies) {
                cookies.accept(value, requestPath, now);
            }
            setCookies.clear();
        }
        return parser.status();
    }

    /**
     * Reads what a socket between exchanges received: the end of the stream when the server closed it, or bytes no
     * request asked for. Either way the socket is of no further use, and left alone it would keep the selector awake.
     */
    private void dropIfServerSpokeWhileIdle(ByteBuffer buffer) {
        try {
            if (read(buffer) != 0) {
                discard();
            }
        } catch (RequestFailure broken) {
            discard();
        }
    }

    private int read(ByteBuffer buffer) throws RequestFailure {
        buffer.clear();
        int count;
        try {
            count = channel.read(buffer);
        } catch (IOException e) {
            throw new RequestFailure(ErrorKind.RESET, !parser.responseStarted(), "connection broke: " + e.getMessage(), e);
        }
        if (count > 0) {
            bytesRead += count;
        }
        return count;
    }

    /** Drops the current socket so that the next request connects afresh; phase thread only. */
    private void discard() {
        SocketChannel current = channel;
        channel = null;
        key = null;
        connecting = false;
        if (current != null) {
            closeQuietly(current);
        }
    }

    private static void closeQuietly(SocketChannel socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is best effort: the socket is abandoned either way
        }
    }
}
