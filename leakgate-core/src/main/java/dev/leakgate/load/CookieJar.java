package dev.leakgate.load;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one connection's responses set with {@code Set-Cookie}, sent back with its later requests as one browser tab
 * would: by name and path; {@code Max-Age} and {@code Expires} honoured, a cookie set to expire deleted. It outlives
 * reconnects. The host is always the app's, so domains are not told apart.
 */
final class CookieJar {

    private record Cookie(String name, String value, String path, long expiresAtMillis) {

        boolean expiredAt(long nowMillis) {
            return expiresAtMillis != Long.MAX_VALUE && expiresAtMillis <= nowMillis;
        }
    }

    /** By name and path, which together make a cookie distinct. */
    private final Map<String, Cookie> cookies = new LinkedHashMap<>();
    /** The Cookie header as last built, until the jar changes: most requests send the same one. */
    private byte[] header;
    private String headerPath;

    /** Takes one {@code Set-Cookie} value of a response to a request for {@code requestPath}. */
    void accept(String setCookie, String requestPath, long nowMillis) {
        String[] attributes = setCookie.split(";");
        int equals = attributes[0].indexOf('=');
        if (equals <= 0) {
            return; // no name: browsers ignore such a cookie
        }
        String name = attributes[0].substring(0, equals).trim();
        String value = attributes[0].substring(equals + 1).trim();
        String path = defaultPath(requestPath);
        long expiresAt = Long.MAX_VALUE;
        boolean maxAgeSeen = false;
        for (int i = 1; i < attributes.length; i++) {
            String attribute = attributes[i].trim();
            int eq = attribute.indexOf('=');
            String key = (eq < 0 ? attribute : attribute.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            String argument = eq < 0 ? "" : attribute.substring(eq + 1).trim();
            switch (key) {
                case "path" -> path = argument.startsWith("/") ? argument : defaultPath(requestPath);
                case "max-age" -> {
                    try {
                        long seconds = Long.parseLong(argument);
                        expiresAt = seconds <= 0 ? Long.MIN_VALUE : nowMillis + Math.min(seconds, Long.MAX_VALUE / 2000) * 1000;
                        maxAgeSeen = true;
                    } catch (NumberFormatException ignored) {
                        // an unreadable Max-Age is ignored, as browsers do
                    }
                }
                case "expires" -> {
                    if (!maxAgeSeen) {
                        expiresAt = expiry(argument, expiresAt);
                    }
                }
                default -> {
                    // Domain, Secure, HttpOnly, SameSite: all the same for one host over plain HTTP
                }
            }
        }
        String key = name + '\u0000' + path;
        if (expiresAt <= nowMillis) {
            cookies.remove(key);
        } else {
            cookies.put(key, new Cookie(name, value, path, expiresAt));
        }
        header = null;
    }

    /**
     * The line {@code Cookie: ...\r\n} for a request for {@code requestPath}, empty when no cookie applies; built
     * again only when the jar, the path or an expiry changed it.
     */
    byte[] header(String requestPath, long nowMillis) {
        if (header == null || !requestPath.equals(headerPath) || anyExpiredAt(nowMillis)) {
            header = build(requestPath, nowMillis);
            headerPath = requestPath;
        }
        return header;
    }

    private byte[] build(String requestPath, long nowMillis) {
        cookies.values().removeIf(cookie -> cookie.expiredAt(nowMillis));
        List<Cookie> matching = new ArrayList<>();
        for (Cookie cookie : cookies.values()) {
            if (pathMatches(requestPath, cookie.path())) {
                matching.add(cookie);
            }
        }
        if (matching.isEmpty()) {
            return new byte[0];
        }
        // Longer paths first, as browsers order them.
        matching.sort((a, b) -> b.path().length() - a.path().length());
        StringBuilder line = new StringBuilder("Cookie: ");
        for (int i = 0; i < matching.size(); i++) {
            line.append(i == 0 ? "" : "; ").append(matching.get(i).name()).append('=').append(matching.get(i).value());
        }
        return line.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private boolean anyExpiredAt(long nowMillis) {
        for (Cookie cookie : cookies.values()) {
            if (cookie.expiredAt(nowMillis)) {
                return true;
            }
        }
        return false;
    }

    /** RFC 6265 5.1.4: the request path's directory, {@code /} for none. */
    private static String defaultPath(String requestPath) {
        String path = requestPath;
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    /** RFC 6265 5.1.4 path-match. */
    private static boolean pathMatches(String requestPath, String cookiePath) {
        String path = requestPath;
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (path.equals(cookiePath)) {
            return true;
        }
        return path.startsWith(cookiePath) && (cookiePath.endsWith("/") || path.charAt(cookiePath.length()) == '/');
    }

    private static long expiry(String date, long otherwise) {
        try {
            return ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
        } catch (DateTimeParseException unreadable) {
            return otherwise;
        }
    }
}
