package dev.leakgate.gate;

/** Where a run tells the user what it does: the Maven log, or the terminal for the CLI. */
public interface Console {

    /** Says nothing: for runs whose result alone is read. */
    Console NONE = new Console() {
        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message) {
        }

        @Override
        public void appOutput(String line) {
        }
    };

    void info(String message);

    void warn(String message);

    /** One line the app wrote to stdout or stderr (it is in {@code app.log} as well). */
    void appOutput(String line);
}
