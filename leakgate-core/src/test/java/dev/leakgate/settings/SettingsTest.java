package dev.leakgate.settings;

import dev.leakgate.load.RequestSpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every parameter is read, defaulted and refused in one place, with a message naming it, its value and what works. */
class SettingsTest {

    private static final Path HERE = Path.of("/srv/shop");

    @Test
    void fillsInTheContractsDefaults() {
        Settings settings = app().build();

        assertEquals(8, settings.get(Parameters.CONNECTIONS));
        assertEquals(1000, settings.get(Parameters.WARMUP_REQUESTS));
        assertEquals(3, settings.get(Parameters.ROUNDS));
        assertEquals(2000, settings.get(Parameters.REQUESTS_PER_ROUND));
        assertEquals(Duration.ofSeconds(600), settings.get(Parameters.TIMEOUT));
        assertEquals(KeepSnapshots.ON_FAILURE, settings.get(Parameters.KEEP_SNAPSHOTS));
        assertEquals(List.of(RequestSpec.get("/")), settings.requests());
        assertEquals(HERE, settings.workingDirectory());
        assertEquals(HERE.resolve("leakgate-report"), settings.outputDirectory());
        assertEquals(HERE.resolve("leakgate-baseline.json"), settings.baselineFile());
    }

    @Test
    void aMavenProjectKeepsItsReportsInItsBuildDirectory() {
        Settings settings = Settings.forProject(HERE, HERE.resolve("target")).set(Parameters.SCRIPT, "server.js").build();

        assertEquals(HERE.resolve("target/leakgate"), settings.outputDirectory());
    }

    @Test
    void theDefaultRequestIsAGetOfReadyPath() {
        assertEquals(List.of(RequestSpec.get("/health")), app().text(Parameters.READY_PATH, "/health").build().requests());
    }

    @Test
    void readsFlagsAndJsonAlike() {
        Settings fromText = app().text(Parameters.REQUESTS_PER_ROUND, "500").text(Parameters.REQUEST_TIMEOUT, "0.5")
                .text(Parameters.REQUESTS, "GET /a, POST /b").build();
        Settings fromJson = app().json(Map.of("requestsPerRound", 500, "requestTimeout", 0.5,
                "requests", List.of("GET /a", Map.of("method", "POST", "path", "/b")))).build();

        for (Settings settings : List.of(fromText, fromJson)) {
            assertEquals(500, settings.get(Parameters.REQUESTS_PER_ROUND));
            assertEquals(Duration.ofMillis(500), settings.get(Parameters.REQUEST_TIMEOUT));
            assertEquals(List.of("GET /a", "POST /b"), settings.requests().stream()
                    .map(request -> request.method() + " " + request.path()).toList());
        }
    }

    @Test
    void refusesTextThatIsNotOfTheParametersKind() {
        assertRefused("rounds", "rounds must be a whole number, was 'nonsense'",
                () -> app().text(Parameters.ROUNDS, "nonsense"));
        assertRefused("showStringValues", "showStringValues must be true or false, was 'yes'",
                () -> app().text(Parameters.SHOW_STRING_VALUES, "yes"));
        assertRefused("environment", "environment is a map: give it in the --config file",
                () -> app().text(Parameters.ENVIRONMENT, "A=1"));
    }

    @Test
    void refusesValuesOutsideWhatTheGateCanWorkWith() {
        assertRefused("rounds", "rounds must be at least 2 (growth has to repeat to count as a leak), was 1",
                () -> app().set(Parameters.ROUNDS, 1));
        assertRefused("connections", "connections must be between 1 and 10000, was 10001",
                () -> app().set(Parameters.CONNECTIONS, 10_001));
        assertRefused("requestTimeout", "requestTimeout must be a positive number of seconds, was 0 s",
                () -> app().set(Parameters.REQUEST_TIMEOUT, Duration.ZERO));
        assertRefused("port", "port must be 0 (pick a free port) or 1-65535, was 70000",
                () -> app().set(Parameters.PORT, 70_000));
        assertRefused("readyPath", "readyPath must be a URL path starting with '/' (characters such as | { } and "
                + "spaces percent-encoded), was 'health'", () -> app().set(Parameters.READY_PATH, "health"));
    }

    @Test
    void refusesSettingsThatDoNotMakeARunTogether() {
        assertRefused("script", "set script: the app's entry script, relative to " + HERE + " (or baseUrl and "
                + "inspectorUrl to attach to an app started elsewhere)", () -> Settings.forCommandLine(HERE));
        assertRefused("inspectorUrl", "attach mode needs both inspectorUrl and baseUrl (set neither to let leakgate "
                + "start the app)", () -> app().text(Parameters.BASE_URL, "http://127.0.0.1:3000"));
        assertRefused("rounds", "rounds must be a whole number, was true", () -> app().json(Map.of("rounds", true)));
        assertRefused("rund", "no parameter is called rund: did you mean rounds?", () -> app().json(Map.of("rund", 3)));
        assertRefused("colour", "no parameter is called colour (java -jar leakgate-cli.jar help lists them)",
                () -> app().json(Map.of("colour", "red")));
    }

    @Test
    void namesTheEntryOfAListThatIsWrong() {
        assertRefused("requests", "requests must be a list of requests, each \"METHOD /path\" or {method, path, "
                + "headers, body, contentType}, was [orders] (Request path must start with '/', got: orders)",
                () -> app().json(Parameters.REQUESTS, List.of("orders")));
        assertRefused("setupRequests", "setupRequests: POST /login: {{env.NO_SUCH_PASSWORD}} names the environment "
                + "variable NO_SUCH_PASSWORD, which is not set", () -> app().json(Parameters.SETUP_REQUESTS,
                List.of(Map.of("method", "POST", "path", "/login", "body", "{{env.NO_SUCH_PASSWORD}}"))));
    }

    @Test
    void everyParameterHasAFlagAndADefaultToShow() {
        assertEquals("requests-per-round", Parameters.REQUESTS_PER_ROUND.flag());
        assertEquals(Parameters.REQUESTS_PER_ROUND, Parameters.ofFlag("requests-per-round").orElseThrow());
        Parameters.ALL.forEach(parameter -> assertEquals(false, parameter.defaultText().isBlank(), parameter.name()));
    }

    private static Settings.Builder app() {
        return Settings.forCommandLine(HERE).set(Parameters.SCRIPT, "server.js");
    }

    private static void assertRefused(String parameter, String message, Supplier<Settings.Builder> settings) {
        InvalidSettingsException refused = assertThrows(InvalidSettingsException.class, () -> settings.get().build());
        assertEquals(message, refused.getMessage());
        assertEquals(parameter, refused.parameter());
    }
}
