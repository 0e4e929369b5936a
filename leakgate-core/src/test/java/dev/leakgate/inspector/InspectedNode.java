package dev.leakgate.inspector;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Node process with the inspector on, started without the launcher so that these tests depend on
 * nothing but the inspector package.
 */
final class InspectedNode implements AutoCloseable {

    static final Path SCRIPTS = Path.of("src", "test", "node").toAbsolutePath();

    private static final Pattern INSPECTOR_URL = Pattern.compile("Debugger listening on (ws://\\S+)");

    private final Process process;
    private final URI inspectorUrl;

    private InspectedNode(Process process, URI inspectorUrl) {
        this.process = process;
        this.inspectorUrl = inspectorUrl;
    }

    static InspectedNode start(String script) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("node", "--inspect=127.0.0.1:0", SCRIPTS.resolve(script).toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PORT", "0");
        Process process = builder.start();
        CompletableFuture<URI> inspectorUrl = new CompletableFuture<>();
        Thread stderrReader = new Thread(() -> readStderr(process, inspectorUrl), "node-stderr-" + process.pid());
        stderrReader.setDaemon(true);
        stderrReader.start();
        try {
            return new InspectedNode(process, inspectorUrl.get(10, TimeUnit.SECONDS));
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly().waitFor();
            throw new IOException("node did not print its inspector URL", e);
        }
    }

    URI inspectorUrl() {
        return inspectorUrl;
    }

    Path script(String name) throws IOException {
        return SCRIPTS.resolve(name).toRealPath();
    }

    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    /** Keeps draining stderr after the URL so that Node never blocks on a full pipe. */
    private static void readStderr(Process process, CompletableFuture<URI> inspectorUrl) {
        try (BufferedReader stderr = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = stderr.readLine(); line != null; line = stderr.readLine()) {
                Matcher matcher = INSPECTOR_URL.matcher(line);
                if (matcher.find()) {
                    inspectorUrl.complete(URI.create(matcher.group(1)));
                }
            }
        } catch (IOException e) {
            inspectorUrl.completeExceptionally(e);
        }
        inspectorUrl.completeExceptionally(new IOException("node exited before printing its inspector URL"));
    }
}
