package dev.leakgate.inspector;

import dev.leakgate.process.PortProbe;

import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The inspector's WebSocket: the main thread's session. */
final class WebSocketTransport implements CdpTransport {

    /** How long {@link #close()} waits for Node to acknowledge the close before dropping the connection. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(1);

    private final WebSocket webSocket;
    /**
     * The JDK's WebSocket does not always report the end of the stream when Node dies while sending a large
     * message (a heap snapshot, typically when the app runs out of memory): a call would then wait for its whole
     * timeout. Node's inspector port refusing connections tells sooner.
     */
    private final PortProbe inspectorPort;
    private final CdpDispatcher dispatcher;
    private final Object sendLock = new Object();
    /** Guarded by {@link #sendLock}. */
    private CompletableFuture<WebSocket> lastSend = CompletableFuture.completedFuture(null);

    WebSocketTransport(WebSocket webSocket, PortProbe inspectorPort, CdpDispatcher dispatcher) {
        this.webSocket = webSocket;
        this.inspectorPort = inspectorPort;
        this.dispatcher = dispatcher;
    }

    @Override
    public void send(String message, long deadline) throws InterruptedException, TimeoutException {
        try {
            synchronized (sendLock) {
                // The JDK allows one outstanding send at a time: one whose caller timed out must end first.
                lastSend.get(remainingNanos(deadline), TimeUnit.NANOSECONDS);
                lastSend = webSocket.sendText(message, true);
                lastSend.get(remainingNanos(deadline), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException e) {
            // Fails the pending call; a reason the listener saw first (Node closed the connection) wins.
            dispatcher.disconnected("cannot send to Node: " + e.getCause().getMessage());
        }
    }

    @Override
    public boolean reachable() {
        return inspectorPort.isListening();
    }

    @Override
    public String unreachableReason() {
        return "Node no longer listens on " + inspectorPort + "; the process has probably exited";
    }

    @Override
    public void close() {
        try {
            webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            dispatcher.awaitConnectionEnd(CLOSE_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException alreadyBroken) {
            // Nothing left to close politely; the abort below releases the connection.
        } finally {
            webSocket.abort();
        }
    }

    private static long remainingNanos(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }
}
