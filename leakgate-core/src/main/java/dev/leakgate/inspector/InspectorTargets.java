package dev.leakgate.inspector;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the WebSocket URL of a Node inspector. Node serves the list of its debug targets at
 * {@code http://host:port/json/list}; each entry's {@code webSocketDebuggerUrl} is what a client connects to.
 */
public final class InspectorTargets {

    private InspectorTargets() {
    }

    /**
     * @param inspectorUrl a {@code ws://} URL, returned as it is, or {@code http://host:port}, looked up in
     *                     {@code /json/list}
     * @param timeout      how long the look-up may take
     * @return the WebSocket URL of the first target Node lists
     * @throws InspectorException if the URL has another scheme, nothing answers, or Node lists no target
     */
    public static URI webSocketUrl(URI inspectorUrl, Duration timeout) throws InspectorException, InterruptedException {
        String scheme = inspectorUrl.getScheme() == null ? "" : inspectorUrl.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "ws", "wss" -> {
                return inspectorUrl;
            }
            case "http", "https" -> {
                return firstTarget(inspectorUrl.resolve("/json/list"), timeout);
            }
            default -> throw new InspectorException("The inspector URL must be ws://host:port/<id> or http://host:port, not "
                    + inspectorUrl);
        }
    }

    private static URI firstTarget(URI list, Duration timeout) throws InspectorException, InterruptedException {
        // No proxy: a build's proxy settings must not route a debugger connection elsewhere. HTTP/1.1: Node's
        // inspector answers 400 to the upgrade headers of an HTTP/2 attempt.
        HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout).build();
        HttpResponse<String> response;
        try {
            response = client.send(HttpRequest.newBuilder(list).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new InspectorException("Cannot read the Node inspector's targets at " + list + ": " + e
                    + ". Is the app running with --inspect, and is the inspector port reachable?", e);
        }
        if (response.statusCode() != 200) {
            throw new InspectorException(list + " answered HTTP " + response.statusCode() + "; is this a Node inspector port?");
        }
        Optional<String> target;
        try {
            target = firstWebSocketUrl(response.body());
        } catch (IOException e) {
            throw new InspectorException(list + " did not answer a list of inspector targets: " + e.getMessage(), e);
        }
        if (target.isEmpty()) {
            throw new InspectorException(list + " lists no debug target with a webSocketDebuggerUrl; "
                    + "another debugger may hold the app, or the app is not a Node process.");
        }
        try {
            return URI.create(target.get());
        } catch (IllegalArgumentException e) {
            throw new InspectorException(list + " lists a target whose URL is not valid: " + target.get(), e);
        }
    }

    private static Optional<String> firstWebSocketUrl(String json) throws IOException {
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("expected a JSON array");
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    parser.nextToken();
                    if ("webSocketDebuggerUrl".equals(field) && parser.currentToken() == JsonToken.VALUE_STRING) {
                        return Optional.of(parser.getText());
                    }
                    parser.skipChildren();
                }
            }
        }
        return Optional.empty();
    }
}
