package dev.leakgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.leakgate.load.CountingServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code leakgate load} run in-process against a real Node server, as a user runs it. */
class LoadCommandTest {

    @RegisterExtension
    static final CountingServer server = new CountingServer();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void printsOneJsonObjectWithTheRateLatencyPercentilesAndCounts() throws Exception {
        int exit = load(url("/ok"), "--requests", "500", "--connections", "4", "--json");

        assertEquals(Main.PASS, exit, stderr());
        Map<String, Object> result = parseJson(stdout());
        assertEquals(List.of("phase", "requests", "errors", "requestsPerSecond", "durationMs", "bytesRead", "latencyMs",
                "statusCodes", "errorsByKind"), List.copyOf(result.keySet()));
        assertEquals(500L, result.get("requests"));
        assertEquals(0L, result.get("errors"));
        assertTrue((Double) result.get("requestsPerSecond") > 0, stdout());
        assertEquals(List.of("p50", "p90", "p99", "p99_9", "max"), List.copyOf(latency(result).keySet()));
        assertTrue((Double) latency(result).get("p50") <= (Double) latency(result).get("max"), stdout());
        assertEquals(Map.of("200", 500L), result.get("statusCodes"));
        assertEquals(Map.of(), result.get("errorsByKind"));
        assertEquals("500", server.control("/__count"));
        assertEquals("", stderr(), "JSON mode prints nothing else");
    }

    @Test
    void printsTablesToPasteIntoAPullRequest() throws Exception {
        int exit = load(url("/ok?x=1"), "--requests", "300", "--connections", "2");

        assertEquals(Main.PASS, exit, stderr());
        List<String> lines = stdout().lines().toList();
        assertEquals("GET " + server.baseUrl() + "/ok?x=1 over 2 connections, 300 requests", lines.get(0));
        assertEquals("", lines.get(1));
        assertTrue(lines.get(2).matches("\\| latency \\| p50 +\\| p90 +\\| p99 +\\| p99\\.9 +\\| max +\\|"), lines.get(2));
        assertTrue(lines.get(3).matches("\\|-+\\|(-+:\\|){5}"), lines.get(3));
        // NumberText.decimal: two decimals, or three significant digits below 0.1 ms (a fast loopback p50)
        assertTrue(lines.get(4).matches("\\| ms +(\\| +(\\d+\\.\\d\\d|0\\.0\\d+) ){5}\\|"), lines.get(4));
        assertEquals("", lines.get(5));
        assertTrue(lines.get(6).matches("\\| requests +\\| duration +\\| req/s +\\| bytes read +\\| bytes/s +\\| failed +\\|"),
                lines.get(6));
        assertTrue(lines.get(8).matches("\\| 300 +\\| +[\\d.]+ m?s \\| +[\\d,.]+ \\| +[\\d.]+ KB \\| +[\\d.]+ [KM]?B \\| +0 \\|"),
                lines.get(8));
        assertEquals(List.of("", "status codes: 200 × 300", "errors without a response: none"), lines.subList(9, 12));
        assertEquals(12, lines.size(), stdout());
    }

    @Test
    void runsForTheGivenTimeAndCountsEveryRequestItSent() throws Exception {
        int exit = load(url("/ok"), "--duration", "0.3", "--json");

        assertEquals(Main.PASS, exit, stderr());
        Map<String, Object> result = parseJson(stdout());
        assertTrue((Long) result.get("durationMs") >= 300, stdout());
        assertEquals(server.control("/__count"), result.get("requests").toString());
    }

    @Test
    void sendsExactlyTheRequestsDueAtTheGivenRate() throws Exception {
        int exit = load(url("/ok"), "--duration", "0.5", "--rate", "200", "--connections", "2", "--json");

        assertEquals(Main.PASS, exit, stderr());
        assertEquals(100L, parseJson(stdout()).get("requests"));
        assertEquals("100", server.control("/__count"));
    }

    @Test
    void countsAnUnreachableServerAsConnectErrors() throws Exception {
        String closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = "http://127.0.0.1:" + probe.getLocalPort() + "/";
        }
        int exit = load(closedPort, "--requests", "20", "--connections", "2");

        assertEquals(Main.PASS, exit, stderr());
        assertTrue(stdout().contains("status codes: none\nerrors without a response: connect × 20\n"), stdout());
    }

    @Test
    void rejectsContradictoryOrMalformedOptionsWithAMessage() throws Exception {
        assertRejected("--requests and --duration exclude each other: give a number of requests or a time",
                url("/"), "--requests", "5", "--duration", "1");
        assertRejected("--duration needs a number, got 'ten'", url("/"), "--duration", "ten");
        assertRejected("--duration must be a positive number of seconds", url("/"), "--duration", "0");
        assertRejected("--requests must be at least 1", url("/"), "--requests", "0");
        assertRejected("needs an http:// URL with a host, e.g. http://127.0.0.1:3000/, got: localhost:3000",
                "localhost:3000");
        assertRejected("needs exactly one URL, e.g. http://127.0.0.1:3000/");
        assertRejected("unknown option --times", url("/"), "--times", "3");
        assertRejected("--json is a switch and takes no value", url("/"), "--json=true");
        assertRejected("GET /ok?token={{env.NO_SUCH_TOKEN}}: {{env.NO_SUCH_TOKEN}} names the environment variable "
                + "NO_SUCH_TOKEN, which is not set", url("/ok?token={{env.NO_SUCH_TOKEN}}"));
        assertEquals("0", server.control("/__count"), "no load was sent");
    }

    @Test
    void sendsATemplatedPathAndBodyWithTheMethodAsked() throws Exception {
        int exit = load(url("/ok?item={{uuid}}"), "--method", "POST", "--body", "{\"n\": {{seq}}}", "--content-type",
                "application/json", "--requests", "50", "--json");

        assertEquals(Main.PASS, exit, stderr());
        assertTrue(stdout().contains("\"requests\" : 50"), stdout());
        assertTrue(stdout().contains("\"200\" : 50"), stdout());
    }

    @Test
    void explainsUnusableValuesTheGeneratorRefuses() throws Exception {
        int exit = load(url("/"), "--connections", "0", "--requests", "1");

        assertEquals(Main.ERROR, exit);
        assertEquals("leakgate load: Connections must be between 1 and 10000, got: 0\n", stderr());
    }

    private void assertRejected(String message, String... args) {
        out.reset();
        err.reset();
        assertEquals(Main.ERROR, load(args));
        assertEquals("leakgate load: " + message + "\nusage: load URL [--method M] [--body TEXT] [--content-type TYPE] "
                + "[--connections N] [--requests N | --duration SECONDS] [--rate R] [--json]\n", stderr());
        assertEquals("", stdout());
    }

    private int load(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "load";
        System.arraycopy(args, 0, command, 1, args.length);
        return new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(command);
    }

    private static String url(String path) {
        return server.baseUrl() + path;
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> latency(Map<String, Object> result) {
        return (Map<String, Object>) result.get("latencyMs");
    }

    /** The printed object as nested maps of longs, doubles and strings, in the printed order. */
    private static Map<String, Object> parseJson(String text) throws IOException {
        try (JsonParser parser = new JsonFactory().createParser(text)) {
            assertEquals(JsonToken.START_OBJECT, parser.nextToken(), text);
            Map<String, Object> object = readObject(parser);
            assertEquals(null, parser.nextToken(), "one object and nothing after it: " + text);
            return object;
        }
    }

    private static Map<String, Object> readObject(JsonParser parser) throws IOException {
        Map<String, Object> object = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            object.put(name, switch (value) {
                case START_OBJECT -> readObject(parser);
                case VALUE_NUMBER_INT -> parser.getLongValue();
                case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
                default -> parser.getText();
            });
        }
        return object;
    }
}
