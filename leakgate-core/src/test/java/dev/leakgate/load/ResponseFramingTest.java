package dev.leakgate.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Response framings and broken responses, from a Node server that writes raw bytes. */
class ResponseFramingTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** As fast as the connections go. */
    private static final double UNLIMITED_RATE = 0;

    private NodeServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = NodeServer.start("raw-server.js");
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    @Test
    void readsEveryKeepAliveFramingBackToBackOnOneConnection() throws Exception {
        List<RequestSpec> mix = List.of(RequestSpec.get("/content-length"), RequestSpec.get("/chunked-extensions"),
                RequestSpec.get("/interim"), RequestSpec.get("/no-content"), RequestSpec.get("/not-modified"),
                new RequestSpec("HEAD", "/head", Map.of(), null, null));
        try (LoadGenerator load = new LoadGenerator(server.baseUrl(), mix, 1, TIMEOUT, UNLIMITED_RATE)) {
            PhaseResult result = load.run("round-1", 60, LoadProgress.NONE);

            assertEquals(Map.of(200, 40L, 204, 10L, 304, 10L), result.statusCounts());
            assertEquals("1", server.control("/__connections"), "every response was framed right, so none broke the connection");
        }
    }

    @Test
    void readsBodiesDelimitedByTheEndOfTheConnection() throws Exception {
        String response = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nbody until the end";
        try (LoadGenerator load = new LoadGenerator(server.baseUrl(), List.of(RequestSpec.get("/close-delimited")), 2,
                TIMEOUT, UNLIMITED_RATE)) {
            PhaseResult result = load.run("round-1", 50, LoadProgress.NONE);

            assertEquals(Map.of(200, 50L), result.statusCounts());
            assertEquals(50L * response.length(), result.bytesRead());
        }
    }

    @Test
    void resendsOnAFreshConnectionWhenTheServerClosedTheIdleOneDuringAPhase() throws Exception {
        // 20 requests/s on one connection: it idles 50 ms between requests, the server closes it after 10 ms.
        try (NodeServer impatient = NodeServer.start("raw-server.js", "--idle-timeout", "10");
             LoadGenerator load = new LoadGenerator(impatient.baseUrl(), List.of(RequestSpec.get("/content-length")), 1,
                     TIMEOUT, 20)) {
            PhaseResult result = load.run("round-1", 10, LoadProgress.NONE);

            assertEquals(Map.of(200, 10L), result.statusCounts());
            assertEquals("{\"/content-length\":10}", impatient.control("/__count"), "no request lost or sent twice");
            assertTrue(Integer.parseInt(impatient.control("/__connections")) > 1, "the closed connections were replaced");
        }
    }

    @Test
    void reconnectsAfterHttp10ResponsesWithoutKeepAlive() throws Exception {
        try (LoadGenerator load = new LoadGenerator(server.baseUrl(), List.of(RequestSpec.get("/http10")), 2, TIMEOUT,
                UNLIMITED_RATE)) {
            PhaseResult result = load.run("round-1", 50, LoadProgress.NONE);

            assertEquals(Map.of(200, 50L), result.statusCounts());
            assertEquals("50", server.control("/__connections"));
        }
    }

    @Test
    void countsResponsesThatAreNotHttpAsProtocolErrors() throws Exception {
        try (LoadGenerator load = new LoadGenerator(server.baseUrl(), List.of(RequestSpec.get("/garbage")), 2,
                TIMEOUT, UNLIMITED_RATE)) {
            PhaseResult result = load.run("round-1", 10, LoadProgress.NONE);

            assertEquals(Map.of("protocol", 10L), result.errorsByKind());
            assertEquals(10, result.failed());
        }
    }

    @Test
    void countsBodiesCutOffByTheServerAsResets() throws Exception {
        try (LoadGenerator load = new LoadGenerator(server.baseUrl(), List.of(RequestSpec.get("/truncated")), 2,
                TIMEOUT, UNLIMITED_RATE)) {
            PhaseResult result = load.run("round-1", 10, LoadProgress.NONE);

            assertEquals(Map.of("reset", 10L), result.errorsByKind());
            assertEquals(server.control("/__count"), "{\"/truncated\":10}", "a reset in mid-response is not retried");
        }
    }

    @Test
    void resendsOnceOnAFreshConnectionAndCountsOnceWhenAReusedConnectionClosesUnanswered() throws Exception {
        List<RequestSpec> mix = List.of(RequestSpec.get("/content-length"), RequestSpec.get("/silent-close"));
        try (LoadGenerator load = new LoadGenerator(server.baseUrl(), mix, 1, TIMEOUT, UNLIMITED_RATE)) {
            PhaseResult result = load.run("round-1", 2, LoadProgress.NONE);

            assertEquals(2, result.requests());
            assertEquals(Map.of(200, 1L), result.statusCounts());
            assertEquals(Map.of("reset", 1L), result.errorsByKind());
            assertEquals("{\"/content-length\":1,\"/silent-close\":2}", server.control("/__count"));
        }
    }

    @Test
    void doesNotResendWhenAFreshConnectionClosesUnanswered() throws Exception {
        try (LoadGenerator load = new LoadGenerator(server.baseUrl(), List.of(RequestSpec.get("/silent-close")), 1,
                TIMEOUT, UNLIMITED_RATE)) {
            PhaseResult result = load.run("round-1", 3, LoadProgress.NONE);

            assertEquals(Map.of("reset", 3L), result.errorsByKind());
            assertEquals("{\"/silent-close\":3}", server.control("/__count"));
        }
    }
}
