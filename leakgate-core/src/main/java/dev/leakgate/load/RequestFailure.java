package dev.leakgate.load;

/**
 * A request that ended without a complete HTTP response.
 *
 * <p>Failures are counted, never thrown to the user, and can come by the thousand when a server goes down, so the
 * stack trace (which nobody reads) is not filled in.
 */
final class RequestFailure extends Exception {

    private final ErrorKind kind;
    private final boolean beforeResponse;

    RequestFailure(ErrorKind kind, boolean beforeResponse, String message, Throwable cause) {
        super(message, cause, false, false);
        this.kind = kind;
        this.beforeResponse = beforeResponse;
    }

    ErrorKind kind() {
        return kind;
    }

    /** True when not a single byte of the response had arrived: the server may never have seen the request. */
    boolean beforeResponse() {
        return beforeResponse;
    }
}
