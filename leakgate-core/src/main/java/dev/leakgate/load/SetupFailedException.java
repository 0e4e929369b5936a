package dev.leakgate.load;

/** A setup request that failed or was refused: the run cannot go on without what it sets up. */
public class SetupFailedException extends Exception {

    /** @param message names the request as configured (templates unfilled) and what it got */
    SetupFailedException(String message) {
        super(message);
    }
}
