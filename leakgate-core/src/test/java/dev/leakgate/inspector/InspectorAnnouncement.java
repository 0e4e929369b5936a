package dev.leakgate.inspector;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * For tests that start Node with {@code --inspect} themselves: reads the process's stderr on a daemon thread,
 * hands every line to the caller, and completes with the URL of Node's "Debugger listening on ws://..." line.
 * It keeps draining after that, so Node never blocks on a full pipe.
 */
public final class InspectorAnnouncement {

    private static final Pattern INSPECTOR_URL = Pattern.compile("Debugger listening on (ws://\\S+)");

    private InspectorAnnouncement() {
    }

    public static CompletableFuture<URI> watch(Process node, Consumer<String> eachLine) {
        CompletableFuture<URI> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> read(node, eachLine, url), "node-stderr-" + node.pid());
        reader.setDaemon(true);
        reader.start();
        return url;
    }

    private static void read(Process node, Consumer<String> eachLine, CompletableFuture<URI> url) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(node.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                eachLine.accept(line);
                Matcher matcher = INSPECTOR_URL.matcher(line);
                if (matcher.find()) {
                    url.complete(URI.create(matcher.group(1)));
                }
            }
        } catch (IOException e) {
            url.completeExceptionally(e);
        }
        url.completeExceptionally(new IOException("node exited before printing its inspector URL"));
    }
}
