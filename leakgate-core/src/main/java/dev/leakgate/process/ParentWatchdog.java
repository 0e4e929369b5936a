package dev.leakgate.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The script Node preloads ({@code --require}) so that the app dies with the JVM that launched it. A shutdown
 * hook covers Ctrl-C and SIGTERM of the build; nothing in the JVM runs after SIGKILL, so the app has to notice
 * by itself that its launcher is gone. The script is {@code parent-watchdog.cjs}, next to this class.
 */
final class ParentWatchdog {

    /** Tells the script which process to watch: the JVM, whose pid the app cannot otherwise know for sure. */
    static final String PARENT_PID_VARIABLE = "LEAKGATE_PARENT_PID";

    /** {@code .cjs}: loaded as CommonJS even inside a project whose package.json says "type": "module". */
    private static final String SCRIPT = "parent-watchdog.cjs";

    private ParentWatchdog() {
    }

    /** Writes the script into {@code directory} (the run's output directory) and returns its path. */
    static Path install(Path directory) throws LaunchException {
        Path script = directory.toAbsolutePath().resolve("leakgate-" + SCRIPT);
        try (InputStream source = ParentWatchdog.class.getResourceAsStream(SCRIPT)) {
            if (source == null) {
                throw new IllegalStateException(SCRIPT + " is missing from the leakgate jar");
            }
            Files.createDirectories(script.getParent());
            Files.copy(source, script, StandardCopyOption.REPLACE_EXISTING);
            return script;
        } catch (IOException e) {
            throw new LaunchException("Cannot write " + script + ", which stops the app should the build be killed: "
                    + e.getMessage(), e);
        }
    }

    static String parentPid() {
        return Long.toString(ProcessHandle.current().pid());
    }
}
