package dev.leakgate.maven;

import java.util.HashMap;
import java.util.Map;

/**
 * One {@code <request>} of the {@code requests} parameter, as the POM writes it; the core reads and checks it. Also
 * settable from a plain string ({@code -Dleakgate.requests="GET /a,POST /b"}): Maven hands such a value to
 * {@link #set(String)}.
 */
public class Request {

    private String method;
    private String path;
    private Map<String, String> headers;
    private String body;
    private String contentType;
    private String text;

    /** {@code "/path"} or {@code "METHOD /path"}. */
    public void set(String methodAndPath) {
        text = methodAndPath;
    }

    /** The request as given: its text, or its fields by the names the {@code --config} file uses. */
    Object asGiven() {
        if (text != null) {
            return text;
        }
        Map<String, Object> fields = new HashMap<>();
        fields.put("method", method);
        fields.put("path", path);
        fields.put("headers", headers);
        fields.put("body", body);
        fields.put("contentType", contentType);
        return fields;
    }
}
