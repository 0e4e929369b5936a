package dev.leakgate.load;

/** Character rules of HTTP/1.1 (RFC 9110) that request parts must follow to be written verbatim on the wire. */
final class HttpSyntax {

    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

    private HttpSyntax() {
    }

    static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alphanumeric && TOKEN_SYMBOLS.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Printable ASCII without spaces: what a request target may contain. */
    static boolean isVisibleAscii(String text) {
        return text.chars().allMatch(c -> c > ' ' && c < 0x7f);
    }

    /** No CR, LF or NUL: anything else is at worst odd, but cannot split the header into two. */
    static boolean isFieldValue(String text) {
        return text.chars().noneMatch(c -> c == '\r' || c == '\n' || c == 0);
    }
}
