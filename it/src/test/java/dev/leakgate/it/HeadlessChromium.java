package dev.leakgate.it;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.leakgate.inspector.InspectorSession;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A page open in Debian's headless Chromium, driven over the DevTools protocol with leakgate's own CDP
 * client: the test sees the page as a browser renders it, scripts run, nothing mocked.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final Pattern DEVTOOLS_URL = Pattern.compile("DevTools listening on ws://([^/]+)/");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Process browser;
    private final Path profile;
    private final InspectorSession page;

    private HeadlessChromium(Process browser, Path profile, InspectorSession page) {
        this.browser = browser;
        this.profile = profile;
        this.page = page;
    }

    static HeadlessChromium open(Path file) throws Exception {
        String executable = executable();
        Path profile = Files.createTempDirectory("leakgate-chromium");
        // The network flags keep Chromium from calling home: this machine has no network, and the
        // report must not need one.
        Process browser = new ProcessBuilder(executable, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, file.toUri().toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            String host = devToolsHost(browser);
            URI pageUrl = pageWebSocket(host, file);
            HeadlessChromium chromium = new HeadlessChromium(browser, profile,
                    InspectorSession.connect(pageUrl, Duration.ofSeconds(20)));
            chromium.awaitLoaded();
            return chromium;
        } catch (Exception e) {
            browser.destroyForcibly();
            throw e;
        }
    }

    /** The page is listed before the file has loaded (it starts as about:blank); tests must see the finished page. */
    private void awaitLoaded() throws Exception {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!"true".equals(evaluate("String(location.protocol === 'file:' && document.readyState === 'complete')"))) {
            if (Instant.now().isAfter(deadline)) {
                throw new IOException("the page did not finish loading within " + START_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
    }

    /** Evaluates {@code expression} in the page; it must yield a string (JSON.stringify anything else). */
    String evaluate(String expression) throws Exception {
        return page.evaluate(expression);
    }

    private static String executable() {
        String configured = System.getenv("LEAKGATE_CHROMIUM");
        for (String candidate : configured == null ? List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")
                : List.of(configured)) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("These tests render the report in headless Chromium: install it "
                + "(apt-get install chromium; .ci/run does) or point LEAKGATE_CHROMIUM at it");
    }

    private static String devToolsHost(Process browser) throws IOException {
        BufferedReader stderr = new BufferedReader(new InputStreamReader(browser.getErrorStream(), StandardCharsets.UTF_8));
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        String line;
        while ((line = stderr.readLine()) != null && Instant.now().isBefore(deadline)) {
            Matcher matcher = DEVTOOLS_URL.matcher(line);
            if (matcher.find()) {
                Thread drain = new Thread(() -> stderr.lines().forEach(ignored -> { }), "chromium-stderr");
                drain.setDaemon(true);
                drain.start();
                return matcher.group(1);
            }
        }
        throw new IOException("Chromium did not open its DevTools port");
    }

    /** The page's own WebSocket from {@code /json/list}, polled until the page has been created. */
    private static URI pageWebSocket(String host, Path file) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            String targets = http.send(HttpRequest.newBuilder(URI.create("http://" + host + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            URI page = findPage(targets, file.getFileName().toString());
            if (page != null) {
                return page;
            }
            Thread.sleep(100);
        }
        throw new IOException("Chromium never listed a page for " + file);
    }

    private static URI findPage(String targets, String fileName) throws IOException {
        try (JsonParser json = new JsonFactory().createParser(targets)) {
            String url = null;
            String socket = null;
            while (json.nextToken() != null) {
                if (json.currentToken() == JsonToken.START_OBJECT) {
                    url = null;
                    socket = null;
                } else if (json.currentToken() == JsonToken.VALUE_STRING) {
                    switch (json.currentName()) {
                        case "url" -> url = json.getText();
                        case "webSocketDebuggerUrl" -> socket = json.getText();
                        default -> { }
                    }
                } else if (json.currentToken() == JsonToken.END_OBJECT && url != null && socket != null
                        && url.endsWith(fileName)) {
                    return URI.create(socket);
                }
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        page.close();
        List<ProcessHandle> helpers = browser.descendants().toList(); // renderer, GPU and zygote processes
        browser.destroy();
        if (!browser.waitFor(5, TimeUnit.SECONDS)) {
            browser.destroyForcibly().waitFor();
        }
        helpers.forEach(ProcessHandle::destroyForcibly);
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
