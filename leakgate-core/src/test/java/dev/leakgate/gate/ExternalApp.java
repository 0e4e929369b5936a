package dev.leakgate.gate;

import dev.leakgate.TestNode;

import dev.leakgate.inspector.InspectorAnnouncement;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The gate tests' app started the way someone else would start it for attach mode: by hand, with the inspector
 * on a loopback port, and without leakgate's launcher.
 */
final class ExternalApp implements AutoCloseable {

    private static final Path APP = Path.of("src/test/node/gate/app.js").toAbsolutePath();

    private final Process process;
    private final URI inspectorUrl;
    private final int port;
    private final List<String> stderr;

    private ExternalApp(Process process, URI inspectorUrl, int port, List<String> stderr) {
        this.process = process;
        this.inspectorUrl = inspectorUrl;
        this.port = port;
        this.stderr = stderr;
    }

    /** Starts {@code node --inspect=127.0.0.1:0 app.js <mode>} and returns once it listens. */
    static ExternalApp start(String mode) throws IOException, InterruptedException {
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(TestNode.EXECUTABLE, "--inspect=127.0.0.1:0", APP.toString(), mode)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PORT", Integer.toString(port));
        Process process = builder.start();
        List<String> stderr = new CopyOnWriteArrayList<>();
        CompletableFuture<URI> inspectorUrl = InspectorAnnouncement.watch(process, stderr::add);
        try {
            ExternalApp app = new ExternalApp(process, inspectorUrl.get(10, TimeUnit.SECONDS), port, stderr);
            app.awaitListening();
            return app;
        } catch (ExecutionException | TimeoutException | IOException e) {
            process.destroyForcibly().waitFor();
            throw new IOException("the app did not start", e);
        }
    }

    URI inspectorUrl() {
        return inspectorUrl;
    }

    /** The inspector's HTTP side, {@code http://127.0.0.1:<port>}, where {@code /json/list} is served. */
    URI inspectorHttpUrl() {
        return URI.create("http://" + inspectorUrl.getHost() + ":" + inspectorUrl.getPort());
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Asks the app to close its server; it then ends unless something else keeps Node running. */
    void stopServing() throws IOException {
        get("/stop");
    }

    boolean awaitExit(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    int exitValue() {
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    private void awaitListening() throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            try {
                get("/");
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IOException("the app does not answer on port " + port);
    }

    private String get(String path) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) baseUrl().resolve(path).toURL().openConnection();
        try (InputStream body = connection.getInputStream()) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            connection.disconnect();
        }
    }

    /** For failure messages: whether the app runs, and what it said on stderr. */
    @Override
    public String toString() {
        return "app " + (process.isAlive() ? "running" : "exited with " + process.exitValue()) + ", stderr: " + stderr;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
