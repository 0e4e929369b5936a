package dev.leakgate.inspector;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/**
 * Tells whether the inspector's port still accepts connections.
 *
 * <p>Needed because the JDK's WebSocket does not always report the end of the stream when Node dies
 * while sending a large message (a heap snapshot, typically when the app runs out of memory): the call
 * would otherwise wait for its whole timeout. A refused connection means nobody listens any more.
 */
final class InspectorEndpoint {

    private static final int CONNECT_TIMEOUT_MILLIS = 500;

    private final String host;
    private final int port;

    InspectorEndpoint(URI webSocketUrl) {
        this.host = webSocketUrl.getHost();
        this.port = webSocketUrl.getPort() != -1 ? webSocketUrl.getPort() : "wss".equals(webSocketUrl.getScheme()) ? 443 : 80;
    }

    /** False only when the connection is refused; a slow or unreachable host still counts as listening. */
    boolean acceptsConnections() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            return true;
        } catch (ConnectException refused) {
            return false;
        } catch (IOException inconclusive) {
            return true;
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
