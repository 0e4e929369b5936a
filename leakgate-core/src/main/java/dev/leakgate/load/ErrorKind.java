package dev.leakgate.load;

/** Why a request got no HTTP response; the labels are the keys of {@link PhaseResult#errorsByKind()}. */
enum ErrorKind {
    /** The TCP connection could not be opened. */
    CONNECT("connect"),
    /** No complete response within the request timeout. */
    TIMEOUT("timeout"),
    /** The connection broke (reset, or closed by the server) before the response was complete. */
    RESET("reset"),
    /** The server answered with something that is not HTTP/1.x. */
    PROTOCOL("protocol");

    private final String label;

    ErrorKind(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
