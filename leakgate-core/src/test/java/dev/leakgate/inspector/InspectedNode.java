package dev.leakgate.inspector;

import dev.leakgate.TestNode;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Node process with the inspector on, started without the launcher so that these tests depend on
 * nothing but the inspector package.
 */
final class InspectedNode implements AutoCloseable {

    static final Path SCRIPTS = Path.of("src", "test", "node").toAbsolutePath();

    private final Process process;
    private final URI inspectorUrl;

    private InspectedNode(Process process, URI inspectorUrl) {
        this.process = process;
        this.inspectorUrl = inspectorUrl;
    }

    static InspectedNode start(String script) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(TestNode.EXECUTABLE, "--inspect=127.0.0.1:0", SCRIPTS.resolve(script).toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PORT", "0");
        Process process = builder.start();
        CompletableFuture<URI> inspectorUrl = InspectorAnnouncement.watch(process, line -> { });
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
}
