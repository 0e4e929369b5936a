package dev.leakgate.process;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;

/** Asks whether the app answers HTTP at all: any status counts, a 500 included. */
final class ReadinessProbe {

    /** Loopback connects succeed or are refused at once; waiting longer only delays the next poll. */
    private static final int CONNECT_TIMEOUT_MILLIS = 200;

    private final URI url;

    ReadinessProbe(URI url) {
        this.url = url;
    }

    URI url() {
        return url;
    }

    /** @param readTimeout how long a slow first answer may take (the app may be compiling its routes) */
    boolean answers(Duration readTimeout) {
        try {
            // No proxy: a build's http.proxyHost must not swallow requests meant for the local app.
            HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection(Proxy.NO_PROXY);
            connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
            connection.setReadTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, readTimeout.toMillis())));
            connection.setInstanceFollowRedirects(false);
            try {
                return connection.getResponseCode() > 0;
            } finally {
                connection.disconnect();
            }
        } catch (IOException notYet) {
            return false;
        }
    }
}
