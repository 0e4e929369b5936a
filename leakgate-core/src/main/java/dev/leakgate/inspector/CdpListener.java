package dev.leakgate.inspector;

import java.io.IOException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;

/** Reassembles WebSocket messages that arrive in parts and hands each whole one to the dispatcher. */
final class CdpListener implements WebSocket.Listener {

    /** Heap snapshot chunks, the bulk of the traffic, are messages of roughly 100 KB. */
    private static final int INITIAL_MESSAGE_CAPACITY = 256 * 1024;

    private final CdpMessageReader reader;
    private final CdpDispatcher dispatcher;
    private final StringBuilder message = new StringBuilder(INITIAL_MESSAGE_CAPACITY);

    CdpListener(CdpMessageReader reader, CdpDispatcher dispatcher) {
        this.reader = reader;
        this.dispatcher = dispatcher;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence part, boolean last) {
        // Copied at once: the WebSocket may reuse the part's buffer as soon as this method returns.
        message.append(part);
        if (last) {
            String text = message.toString();
            message.setLength(0);
            handle(webSocket, text);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        dispatcher.connectionEnded("Node closed the connection (WebSocket status " + statusCode
                + (reason.isEmpty() ? "" : ", " + reason) + ")");
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        dispatcher.connectionEnded("the connection failed: " + error);
    }

    private void handle(WebSocket webSocket, String text) {
        try {
            dispatcher.dispatch(reader.read(text));
        } catch (IOException e) {
            dispatcher.disconnected("Node sent a message that is not valid CDP: " + e.getMessage());
            webSocket.abort();
        }
    }
}
