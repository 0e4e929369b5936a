package dev.leakgate.analysis;

import java.io.IOException;

/** The baseline file cannot be read; the message names the file and what is wrong with it. */
public final class BaselineFileException extends IOException {

    public BaselineFileException(String message) {
        super(message);
    }

    public BaselineFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
