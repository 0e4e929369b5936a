package dev.leakgate.process;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Set;

/**
 * Tells whether something listens on a TCP port: how leakgate notices that a process it cannot watch directly
 * (an attached app, a Node that died in the middle of a message) has gone.
 *
 * <p>Only a refused connection, or a host name that no longer resolves (a container gone with its name), means
 * nobody listens. A slow or unreachable host may merely be busy, and calling it gone would end a run that is fine.
 */
public final class PortProbe {

    private static final int CONNECT_TIMEOUT_MILLIS = 500;
    private static final Set<String> TLS_SCHEMES = Set.of("https", "wss");

    private final String host;
    private final int port;

    public PortProbe(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** The port of an {@code http}, {@code https}, {@code ws} or {@code wss} URL; the scheme's own when it names none. */
    public static PortProbe of(URI url) {
        int port = url.getPort() != -1 ? url.getPort() : TLS_SCHEMES.contains(url.getScheme()) ? 443 : 80;
        return new PortProbe(url.getHost(), port);
    }

    /** False only when nobody listens; see the class comment for what counts as that. */
    public boolean isListening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            return true;
        } catch (ConnectException | UnknownHostException nobodyListens) {
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
