package dev.leakgate.maven;

import dev.leakgate.gate.Console;
import org.apache.maven.plugin.logging.Log;

/** The gate's messages in the Maven log; the app's own lines are prefixed so they stand apart. */
final class MavenConsole implements Console {

    private final Log log;

    MavenConsole(Log log) {
        this.log = log;
    }

    @Override
    public void info(String message) {
        log.info(message);
    }

    @Override
    public void warn(String message) {
        log.warn(message);
    }

    @Override
    public void appOutput(String line) {
        log.info("[app] " + line);
    }
}
