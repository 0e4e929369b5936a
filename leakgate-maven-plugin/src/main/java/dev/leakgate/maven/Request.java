package dev.leakgate.maven;

import dev.leakgate.load.RequestSpec;

import java.util.Map;

/**
 * One {@code <request>} of the {@code requests} parameter. Also settable from a plain string
 * ({@code -Dleakgate.requests="GET /a,POST /b"}): Maven hands such a value to {@link #set(String)}.
 */
public class Request {

    private String method = "GET";
    private String path;
    private Map<String, String> headers = Map.of();
    private String body;
    private String contentType;

    /** {@code "/path"} or {@code "METHOD /path"}. */
    public void set(String methodAndPath) {
        String[] parts = methodAndPath.trim().split("\\s+", 2);
        if (parts.length == 2) {
            method = parts[0];
            path = parts[1];
        } else {
            path = parts[0];
        }
    }

    RequestSpec toSpec() {
        // The spec copies the headers itself, after saying which one is missing its value.
        return new RequestSpec(method, path, headers, body, contentType);
    }
}
