package dev.leakgate.process;

import dev.leakgate.text.DurationText;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.zeroturnaround.exec.ProcessExecutor;
import org.zeroturnaround.exec.ProcessResult;
import org.zeroturnaround.exec.StartedProcess;

/** Starts a Node app with the inspector on a loopback port and waits until it answers HTTP. */
public final class NodeLauncher {

    private static final int MINIMUM_NODE_MAJOR = 18;
    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Pattern NODE_VERSION = Pattern.compile("^v(\\d+)\\.\\d+\\.\\d+");
    private static final String LOOPBACK = "127.0.0.1";
    /** Node's error code when listen() finds the address taken. */
    private static final String ADDRESS_IN_USE = "EADDRINUSE";

    /**
     * Starts {@code node --inspect=127.0.0.1:0 --expose-gc --require <watchdog> [nodeOptions] script [scriptArgs]}
     * and returns once
     * the app answers {@code GET readyPath} and Node has printed its inspector URL. Every line the app prints
     * goes to {@code spec.appLog()}, and all but Node's inspector notices also to {@code console}. On failure
     * nothing is left running.
     *
     * @throws LaunchException if the working directory, script or Node is missing, the app exits early, or it is not ready in time
     */
    public NodeApp launch(LaunchSpec spec, Consumer<String> console) throws LaunchException, InterruptedException {
        Path workingDirectory = existingDirectory(spec.workingDirectory());
        Path script = existingScript(workingDirectory, spec.script());
        Path node = NodeExecutable.locate(spec.node(), workingDirectory);
        int port = spec.port() == 0 ? freeLoopbackPort() : requireFree(spec.port());
        Path watchdog = ParentWatchdog.install(spec.appLog().toAbsolutePath().getParent());

        AppOutput output = AppOutput.open(spec.appLog(), console);
        AppProcess process = start(commandLine(node, spec, watchdog, script), workingDirectory,
                environment(spec, port), output);
        boolean ready = false;
        try {
            URI inspectorUrl = awaitReady(process, output, spec, port);
            ready = true;
            return new NodeApp(process, inspectorUrl, port);
        } finally {
            if (!ready) {
                process.stop();
            }
        }
    }

    /**
     * Runs {@code node --version} and returns what it prints (e.g. "v20.11.1").
     *
     * @param node a bare name looked up on the PATH, or a path relative to {@code baseDirectory}
     * @throws LaunchException if Node cannot be found or run, or is older than 18
     */
    public String nodeVersion(String node, Path baseDirectory) throws LaunchException {
        // A relative node path is found from the working directory: a mistyped directory is the error to report.
        Path executable = NodeExecutable.locate(node, existingDirectory(baseDirectory));
        ProcessResult result;
        try {
            result = new ProcessExecutor().command(executable.toString(), "--version")
                    .readOutput(true)
                    .exitValueAny()
                    .timeout(VERSION_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                    .execute();
        } catch (IOException e) {
            throw new LaunchException("Cannot run " + executable + " --version: " + e.getMessage(), e);
        } catch (TimeoutException e) {
            throw new LaunchException(executable + " --version did not finish within " + DurationText.of(VERSION_TIMEOUT) + ".", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("Interrupted while running " + executable + " --version.", e);
        }
        String version = result.outputUTF8().trim();
        Matcher matcher = NODE_VERSION.matcher(version);
        if (result.getExitValue() != 0 || !matcher.find()) {
            throw new LaunchException(executable + " --version " + ExitStatus.describe(result.getExitValue())
                    + " and printed '" + version + "'; is this really Node?");
        }
        if (Integer.parseInt(matcher.group(1)) < MINIMUM_NODE_MAJOR) {
            throw new LaunchException("Node " + version + " at " + executable + " is too old: leakgate needs Node "
                    + MINIMUM_NODE_MAJOR + " or newer. Install a newer Node, or set node to its path.");
        }
        return version;
    }

    private static Path existingDirectory(Path workingDirectory) throws LaunchException {
        Path directory = workingDirectory.toAbsolutePath().normalize();
        if (!Files.isDirectory(directory)) {
            throw new LaunchException("The working directory " + directory + " does not exist or is not a directory.");
        }
        return directory;
    }

    private static Path existingScript(Path workingDirectory, String script) throws LaunchException {
        Path path = workingDirectory.resolve(script).normalize();
        if (!Files.isRegularFile(path)) {
            throw new LaunchException("The script " + path + " does not exist (script = '" + script
                    + "', relative to the working directory " + workingDirectory + ").");
        }
        return path;
    }

    private static int freeLoopbackPort() throws LaunchException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new LaunchException("Cannot find a free port on " + LOOPBACK + ": " + e.getMessage(), e);
        }
    }

    /**
     * A port someone else answers on would pass the readiness probe before the app even listens, and the load
     * would then measure that someone: refuse it before starting anything.
     */
    private static int requireFree(int port) throws LaunchException {
        if (!new PortProbe(LOOPBACK, port).isListening()) {
            return port;
        }
        throw new LaunchException("port " + port + " is already in use: something answers on " + LOOPBACK + ":" + port
                + " before the app was started. Stop what listens there, or set port to 0 so that leakgate picks a free port.");
    }

    private static List<String> commandLine(Path node, LaunchSpec spec, Path watchdog, Path script) {
        List<String> command = new ArrayList<>();
        command.add(node.toString());
        // Port 0: Node picks a free inspector port and prints it, so parallel builds never collide.
        command.add("--inspect=" + LOOPBACK + ":0");
        command.add("--expose-gc");
        command.add("--require");
        command.add(watchdog.toString());
        command.addAll(spec.nodeOptions());
        command.add(script.toString());
        command.addAll(spec.scriptArgs());
        return command;
    }

    private static Map<String, String> environment(LaunchSpec spec, int port) {
        Map<String, String> environment = new HashMap<>(spec.environment());
        environment.put(spec.portVariable(), Integer.toString(port));
        environment.put(ParentWatchdog.PARENT_PID_VARIABLE, ParentWatchdog.parentPid());
        return environment;
    }

    private static AppProcess start(List<String> command, Path workingDirectory, Map<String, String> environment,
                                    AppOutput output) throws LaunchException {
        StartedProcess started;
        try {
            started = new ProcessExecutor()
                    .command(command)
                    .directory(workingDirectory.toFile())
                    .environment(environment)
                    .redirectOutput(output.stdout())
                    .redirectError(output.stderr())
                    .exitValueAny()
                    .start();
        } catch (IOException e) {
            output.close();
            throw new LaunchException("Cannot start " + String.join(" ", command) + ": " + e.getMessage(), e);
        }
        return AppProcess.own(started, output);
    }

    private static URI awaitReady(AppProcess process, AppOutput output, LaunchSpec spec, int port)
            throws LaunchException, InterruptedException {
        ReadinessProbe probe = new ReadinessProbe(URI.create("http://" + LOOPBACK + ":" + port + spec.readyPath()));
        Instant deadline = Instant.now().plus(spec.startupTimeout());
        while (true) {
            if (!process.isAlive()) {
                process.awaitOutputDrained();
                throw exitedEarly(process, spec, port);
            }
            Duration remaining = Duration.between(Instant.now(), deadline);
            Optional<URI> inspectorUrl = output.inspectorUrl();
            if (inspectorUrl.isPresent() && probe.answers(remaining)) {
                return inspectorUrl.get();
            }
            if (!Instant.now().isBefore(deadline)) {
                throw notReady(process, spec, port, probe, inspectorUrl.isPresent());
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }

    private static LaunchException exitedEarly(AppProcess process, LaunchSpec spec, int port) {
        List<String> lines = process.lastLines();
        String message = "The app " + process.describeExit() + " before it answered GET " + spec.readyPath()
                + " on port " + port + ".";
        if (lines.stream().anyMatch(line -> line.contains(ADDRESS_IN_USE))) {
            message += " It reports " + ADDRESS_IN_USE + ": a port it listens on is taken. If that is port " + port
                    + ", stop what listens there (on any interface), or set port to 0 so that leakgate picks a free port.";
        }
        return new LaunchException(message + LastWords.of(lines).map(line -> " Last output: " + line).orElse(""), lines);
    }

    private static LaunchException notReady(AppProcess process, LaunchSpec spec, int port, ReadinessProbe probe,
                                            boolean inspectorStarted) {
        String within = " within " + DurationText.of(spec.startupTimeout());
        if (!inspectorStarted) {
            return new LaunchException("Node did not report its inspector URL ('Debugger listening on ws://...')" + within
                    + "; check that nodeOptions and NODE_OPTIONS do not change --inspect.", process.lastLines());
        }
        return new LaunchException("The app did not answer GET " + probe.url() + within + ". Check that it listens on "
                + LOOPBACK + " (or on all interfaces) at the port given in " + spec.portVariable() + " (" + spec.portVariable() + "=" + port
                + ") and that readyPath " + spec.readyPath() + " is served, or raise startupTimeout.", process.lastLines());
    }
}
