package dev.leakgate.gate;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay in front of a Node inspector that goes away, as a dropped network link or a killed port forward
 * would, as soon as Node starts sending a heap snapshot: the app itself lives on.
 */
final class SnapshotCuttingProxy implements AutoCloseable {

    /** The CDP event that carries snapshot data; WebSocket frames from the server are not masked, so it shows as is. */
    private static final String SNAPSHOT_CHUNK = "HeapProfiler.addHeapSnapshotChunk";

    private final ServerSocket server;
    private final URI upstream;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private SnapshotCuttingProxy(ServerSocket server, URI upstream) {
        this.server = server;
        this.upstream = upstream;
    }

    static SnapshotCuttingProxy to(URI inspectorUrl) throws IOException {
        SnapshotCuttingProxy proxy = new SnapshotCuttingProxy(new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1")),
                inspectorUrl);
        daemon(proxy::accept, "proxy-accept").start();
        return proxy;
    }

    /** The inspector's URL with the proxy's port in it. */
    URI url() {
        return URI.create("ws://127.0.0.1:" + server.getLocalPort() + upstream.getRawPath());
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    private void accept() {
        try {
            while (true) {
                Socket client = server.accept();
                Socket node = new Socket(upstream.getHost(), upstream.getPort());
                sockets.add(client);
                sockets.add(node);
                daemon(() -> relay(client, node, false), "proxy-to-node").start();
                daemon(() -> relay(node, client, true), "proxy-from-node").start();
            }
        } catch (IOException closed) {
            // The proxy was closed or has cut the link.
        }
    }

    private void relay(Socket from, Socket to, boolean cutOnSnapshot) {
        byte[] buffer = new byte[64 * 1024];
        String tail = "";
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                String seen = tail + new String(buffer, 0, read, StandardCharsets.ISO_8859_1);
                if (cutOnSnapshot && seen.contains(SNAPSHOT_CHUNK)) {
                    close();
                    return;
                }
                tail = seen.substring(Math.max(0, seen.length() - SNAPSHOT_CHUNK.length()));
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException closed) {
            // One side is gone; closing both below ends the other relay too.
        }
        try {
            from.close();
            to.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
