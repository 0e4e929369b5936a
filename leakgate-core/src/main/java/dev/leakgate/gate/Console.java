package dev.leakgate.gate;

/** Where a run tells the user what it does: the Maven log, or the terminal for the CLI. */
public interface Console {

    void info(String message);

    void warn(String message);

    /** One line the app wrote to stdout or stderr (it is in {@code app.log} as well). */
    void appOutput(String line);
}
