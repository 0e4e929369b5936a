package dev.leakgate.process;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the app's stdout and stderr go: {@code app.log}, the caller's console, and a short memory of
 * the last lines for error messages. Also spots the inspector URL that Node prints on stderr.
 *
 * <p>What the inspector itself says on stderr ("Debugger attached." and the like) goes to {@code app.log} only:
 * it is leakgate's doing, not the app's, and would read like the app's output in the build log.
 */
final class AppOutput implements AutoCloseable {

    static final int REMEMBERED_LINES = 50;

    private static final Pattern INSPECTOR_URL = Pattern.compile("Debugger listening on (ws://\\S+)");
    /** Node's last word when it is done but an inspector client keeps it from exiting. */
    private static final String WAITING_FOR_DEBUGGER = "Waiting for the debugger to disconnect";
    private static final Pattern INSPECTOR_CHATTER = Pattern.compile("^(Debugger listening on ws://"
            + "|For help, see: https://nodejs\\.org/\\S*$|Debugger attached\\.$|Debugger ending on ws://|"
            + WAITING_FOR_DEBUGGER + ")");

    private final Writer appLog;
    private final Consumer<String> console;
    private final Deque<String> lastLines = new ArrayDeque<>(REMEMBERED_LINES);
    private volatile URI inspectorUrl;
    private Runnable onWaitingForDebugger = () -> { };
    private boolean waitingForDebugger;
    private boolean closed;

    private AppOutput(Writer appLog, Consumer<String> console) {
        this.appLog = appLog;
        this.console = console;
    }

    static AppOutput open(Path appLog, Consumer<String> console) throws LaunchException {
        try {
            Path parent = appLog.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return new AppOutput(Files.newBufferedWriter(appLog, StandardCharsets.UTF_8), console);
        } catch (IOException e) {
            throw new LaunchException("Cannot write the app log " + appLog.toAbsolutePath() + ": " + e, e);
        }
    }

    OutputStream stdout() {
        return new LineOutputStream(this::accept);
    }

    OutputStream stderr() {
        return new LineOutputStream(line -> {
            if (inspectorUrl == null) {
                Matcher matcher = INSPECTOR_URL.matcher(line);
                if (matcher.find()) {
                    inspectorUrl = URI.create(matcher.group(1));
                }
            }
            if (INSPECTOR_CHATTER.matcher(line).find()) {
                logOnly(line);
            } else {
                accept(line);
            }
            if (line.contains(WAITING_FOR_DEBUGGER)) {
                waitingForDebugger();
            }
        });
    }

    /** Runs {@code action} once Node says it waits for the debugger to disconnect (at once if it already has). */
    void onWaitingForDebugger(Runnable action) {
        boolean already;
        synchronized (this) {
            onWaitingForDebugger = action;
            already = waitingForDebugger;
        }
        if (already) {
            action.run();
        }
    }

    private void waitingForDebugger() {
        Runnable action;
        synchronized (this) {
            waitingForDebugger = true;
            action = onWaitingForDebugger;
        }
        action.run();
    }

    Optional<URI> inspectorUrl() {
        return Optional.ofNullable(inspectorUrl);
    }

    synchronized List<String> lastLines() {
        return List.copyOf(lastLines);
    }

    /** Both pump threads end up here, so the log keeps the order in which lines arrived. */
    private synchronized void accept(String line) {
        if (lastLines.size() == REMEMBERED_LINES) {
            lastLines.removeFirst();
        }
        lastLines.addLast(line);
        console.accept(line);
        logOnly(line);
    }

    private synchronized void logOnly(String line) {
        if (!closed) {
            writeToLog(line);
        }
    }

    private void writeToLog(String line) {
        try {
            appLog.write(line);
            appLog.write(System.lineSeparator());
            // Flushed per line: when the app or the build dies, app.log must already hold the last words.
            appLog.flush();
        } catch (IOException e) {
            closed = true;
            console.accept("[leakgate] cannot write to the app log any more, continuing without it: " + e);
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            try {
                appLog.close();
            } catch (IOException e) {
                console.accept("[leakgate] cannot close the app log: " + e);
            }
        }
    }
}
