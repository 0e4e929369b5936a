package dev.leakgate.process;

import dev.leakgate.text.DurationText;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to start the Node app under test. Its values are checked here, once, whether the app is launched or attached
 * to, with messages that name the parameter the user wrote.
 *
 * @param node             the Node executable: a name looked up on the PATH, or a path (relative paths are
 *                         resolved against {@code workingDirectory})
 * @param nodeOptions      extra Node flags placed before the script
 * @param workingDirectory where the app runs
 * @param script           the entry script, relative to {@code workingDirectory} (or absolute)
 * @param scriptArgs       arguments after the script
 * @param environment      variables added to the inherited environment
 * @param port             the port the app listens on; 0 picks a free loopback port
 * @param portVariable     the environment variable that tells the app its port
 * @param readyPath        the path polled with GET until the app answers
 * @param startupTimeout   how long the app may take to answer {@code readyPath}
 * @param appLog           the file that receives the app's stdout and stderr
 */
public record LaunchSpec(String node, List<String> nodeOptions, Path workingDirectory, String script,
                         List<String> scriptArgs, Map<String, String> environment, int port, String portVariable,
                         String readyPath, Duration startupTimeout, Path appLog) {

    /** @throws IllegalArgumentException if a value can never work; the message names the parameter */
    public LaunchSpec {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(portVariable, "portVariable");
        Objects.requireNonNull(readyPath, "readyPath");
        Objects.requireNonNull(startupTimeout, "startupTimeout");
        Objects.requireNonNull(appLog, "appLog");
        require(port >= 0 && port <= 65_535, "port must be 0 (pick a free port) or 1-65535, was " + port);
        require(!portVariable.isBlank(), "portVariable must name the environment variable that carries the port, e.g. PORT");
        require(readyPath.startsWith("/"), "readyPath must start with '/', was '" + readyPath + "'");
        require(isUriPath(readyPath), "readyPath must be a valid URL path (characters such as | { } and spaces "
                + "percent-encoded), was '" + readyPath + "'");
        require(startupTimeout.compareTo(Duration.ZERO) > 0,
                "startupTimeout must be positive, was " + DurationText.of(startupTimeout));
        nodeOptions = nodeOptions == null ? List.of() : List.copyOf(nodeOptions);
        scriptArgs = scriptArgs == null ? List.of() : List.copyOf(scriptArgs);
        environment = environment == null ? Map.of() : Map.copyOf(environment);
    }

    private static boolean isUriPath(String path) {
        try {
            new URI("http://localhost" + path);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
