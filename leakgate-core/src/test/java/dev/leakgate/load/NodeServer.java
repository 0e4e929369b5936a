package dev.leakgate.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A test server script from src/test/node running in a real Node process, stopped by {@link #close()}; the load and
 * the CLI tests share it.
 */
public final class NodeServer implements AutoCloseable {

    private static final Path SCRIPTS = Path.of("src", "test", "node");

    private final Process process;
    private final URI baseUrl;
    private final HttpClient controlClient = HttpClient.newHttpClient();

    private NodeServer(Process process, URI baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    /** Starts {@code node script args...} and waits for its "listening PORT" line. */
    public static NodeServer start(String script, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("node", SCRIPTS.resolve(script).toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = stdout.readLine();
            if (line == null || !line.startsWith("listening ")) {
                throw new IOException("Test server " + script + " did not start; it printed: " + line);
            }
            return new NodeServer(process, URI.create("http://127.0.0.1:" + line.substring("listening ".length())));
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /** Body of a control request, sent outside the load generator so it cannot influence what is tested. */
    public String control(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve(path)).build();
        return controlClient.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
