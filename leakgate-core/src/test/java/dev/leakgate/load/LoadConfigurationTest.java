package dev.leakgate.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** User mistakes in the load configuration get messages that say what to fix. */
class LoadConfigurationTest {

    private static final URI LOCAL = URI.create("http://127.0.0.1:3000");
    private static final List<RequestSpec> ROOT = List.of(RequestSpec.get("/"));
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    /** As fast as the connections go. */
    private static final double UNLIMITED_RATE = 0;

    @Test
    void rejectsHttpsBaseUrls() {
        assertRejected(() -> new LoadGenerator(URI.create("https://example.com"), ROOT, 1, TIMEOUT, UNLIMITED_RATE),
                "Base URL must use http (the load generator speaks plain HTTP/1.1 only; point it at the app's own port, "
                        + "not a TLS proxy), got: https://example.com");
    }

    @Test
    void rejectsBaseUrlsWithoutHostOrWithQuery() {
        assertRejected(() -> new LoadGenerator(URI.create("localhost:3000"), ROOT, 1, TIMEOUT, UNLIMITED_RATE),
                "Base URL must be absolute, e.g. http://127.0.0.1:3000, got: localhost:3000");
        assertRejected(() -> new LoadGenerator(URI.create("http://127.0.0.1:3000/?a=b"), ROOT, 1, TIMEOUT,
                UNLIMITED_RATE),
                "Base URL must be scheme, host, port and optionally a path, without user, query or fragment: "
                        + "http://127.0.0.1:3000/?a=b");
    }

    @Test
    void rejectsUnusableCountsTimeoutsAndRates() {
        assertRejected(() -> new LoadGenerator(LOCAL, List.of(), 1, TIMEOUT, UNLIMITED_RATE),
                "At least one request is needed for load");
        assertRejected(() -> new LoadGenerator(LOCAL, ROOT, 0, TIMEOUT, UNLIMITED_RATE),
                "Connections must be between 1 and 10000, got: 0");
        assertRejected(() -> new LoadGenerator(LOCAL, ROOT, 1, Duration.ZERO, UNLIMITED_RATE),
                "Request timeout must be positive, got: PT0S");
        assertRejected(() -> new LoadGenerator(LOCAL, ROOT, 1, TIMEOUT, -5),
                "Request rate must be 0 (as fast as possible) or a positive number per second, got: -5.0");
        assertRejected(() -> new LoadGenerator(LOCAL, ROOT, 1, TIMEOUT, Double.NaN),
                "Request rate must be 0 (as fast as possible) or a positive number per second, got: NaN");
        try (LoadGenerator load = new LoadGenerator(LOCAL, ROOT, 1, TIMEOUT, UNLIMITED_RATE)) {
            assertRejected(() -> load.run("round-1", -1, LoadProgress.NONE),
                    "Number of requests must not be negative, got: -1");
            assertRejected(() -> load.run("round-1", Duration.ZERO, LoadProgress.NONE),
                    "Phase duration must be positive and at most 365 days, got: PT0S");
            assertRejected(() -> load.run("round-1", Duration.ofDays(400), LoadProgress.NONE),
                    "Phase duration must be positive and at most 365 days, got: PT9600H");
        }
    }

    @Test
    void refusesToRunAfterClose() {
        LoadGenerator load = new LoadGenerator(LOCAL, ROOT, 1, TIMEOUT, UNLIMITED_RATE);
        load.close();

        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> load.run("round-1", 1, LoadProgress.NONE));
        assertEquals("Load generator for http://127.0.0.1:3000 is closed; cannot run phase 'round-1'", error.getMessage());
    }

    @Test
    void rejectsRequestsThatCannotBeWrittenAsHttp() {
        assertRejected(() -> new RequestSpec(" ", "/", Map.of(), null, null), "Request method must not be blank");
        assertRejected(() -> new RequestSpec("GET /", "/", Map.of(), null, null),
                "Request method 'GET /' is not a valid HTTP method name");
        assertRejected(() -> RequestSpec.get("api/users"), "Request path must start with '/', got: api/users");
        assertRejected(() -> RequestSpec.get("/a b"),
                "Request path must not contain spaces, control or non-ASCII characters (percent-encode them): /a b");
        assertRejected(() -> new RequestSpec("GET", "/", Map.of("X-Evil", "a\r\nInjected: 1"), null, null),
                "Value of header 'X-Evil' must be set and free of line breaks");
        assertRejected(() -> new RequestSpec("POST", "/", Map.of("Content-Length", "3"), "abc", null),
                "Header 'Content-Length' is written by the load generator itself; remove it (set body to send content)");
        assertRejected(() -> new RequestSpec("POST", "/", Map.of("content-type", "text/plain"), "abc", "application/json"),
                "Content type of POST / is set twice: as contentType and as a header; keep one");
    }

    @Test
    void serialisesRequestsOnceWithHostLengthAndBasePath() {
        Endpoint endpoint = Endpoint.of(URI.create("http://localhost:8080/api/"));
        RequestSpec spec = new RequestSpec("POST", "/users?x=1", Map.of("Accept", "application/json"), "{\"a\":\"é\"}",
                "application/json");

        assertEquals("POST /api/users?x=1 HTTP/1.1\r\nHost: localhost:8080\r\nAccept: application/json\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 10\r\n\r\n{\"a\":\"é\"}",
                StandardCharsets.UTF_8.decode(WireRequest.encode(spec, endpoint, Map.of()).view()).toString());
    }

    private static void assertRejected(Executable action, String expectedMessage) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, action);
        assertEquals(expectedMessage, error.getMessage());
    }
}
