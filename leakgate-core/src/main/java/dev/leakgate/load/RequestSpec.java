package dev.leakgate.load;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One request of the load mix, as the user configured it.
 *
 * @param method      HTTP method, e.g. {@code GET}
 * @param path        path and query, starting with {@code /}
 * @param headers     extra request headers (never {@code Host}, {@code Content-Length} or {@code Transfer-Encoding})
 * @param body        request body sent as UTF-8, or {@code null} for none
 * @param contentType value of the {@code Content-Type} header, or {@code null} for none
 */
public record RequestSpec(String method, String path, Map<String, String> headers, String body, String contentType) {

    /** Headers the generator writes itself; letting users set them would corrupt the framing of the connection. */
    private static final Set<String> RESERVED_HEADERS = Set.of("host", "content-length", "transfer-encoding");

    public RequestSpec {
        if (method == null || method.isBlank()) {
            throw new IllegalArgumentException("Request method must not be blank");
        }
        if (!HttpSyntax.isToken(method)) {
            throw new IllegalArgumentException("Request method '" + method + "' is not a valid HTTP method name");
        }
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("Request path must start with '/', got: " + path);
        }
        if (!HttpSyntax.isVisibleAscii(path)) {
            throw new IllegalArgumentException(
                    "Request path must not contain spaces, control or non-ASCII characters (percent-encode them): " + path);
        }
        headers = copyValidated(headers == null ? Map.of() : headers);
        if (contentType != null && !HttpSyntax.isFieldValue(contentType)) {
            throw new IllegalArgumentException("Content type must not contain line breaks: " + contentType);
        }
        if (contentType != null && headers.keySet().stream().anyMatch(name -> name.equalsIgnoreCase("content-type"))) {
            throw new IllegalArgumentException(
                    "Content type of " + method + " " + path + " is set twice: as contentType and as a header; keep one");
        }
    }

    /**
     * Checks that every template of the path, the header values and the body can be filled from this environment.
     *
     * @throws UnfilledTemplateException naming the request and the template that cannot be filled
     */
    public void requireTemplatesFilled(Map<String, String> environment) {
        try {
            TemplateText.parse(path, environment);
            headers.values().forEach(value -> TemplateText.parse(value, environment));
            if (body != null) {
                TemplateText.parse(body, environment);
            }
        } catch (IllegalArgumentException unfilled) {
            throw new UnfilledTemplateException(method + " " + path + ": " + unfilled.getMessage(), unfilled);
        }
    }

    /** A plain {@code GET} of {@code path}. */
    public static RequestSpec get(String path) {
        return new RequestSpec("GET", path, Map.of(), null, null);
    }

    private static Map<String, String> copyValidated(Map<String, String> headers) {
        Map<String, String> copy = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (name == null || !HttpSyntax.isToken(name)) {
                throw new IllegalArgumentException("Header name '" + name + "' is not a valid HTTP header name");
            }
            if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("Header '" + name
                        + "' is written by the load generator itself; remove it (set body to send content)");
            }
            if (value == null || !HttpSyntax.isFieldValue(value)) {
                throw new IllegalArgumentException("Value of header '" + name + "' must be set and free of line breaks");
            }
            copy.put(name, value);
        });
        return Collections.unmodifiableMap(copy);
    }
}
