package dev.leakgate.load;

/** A request template that cannot be filled: an unknown one, or an environment variable that is not set. */
public class UnfilledTemplateException extends IllegalArgumentException {

    UnfilledTemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
