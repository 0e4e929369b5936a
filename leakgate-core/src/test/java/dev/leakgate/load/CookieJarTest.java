package dev.leakgate.load;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A connection's cookies, kept and sent back as one browser tab would. */
class CookieJarTest {

    private static final long NOW = 1_700_000_000_000L;

    @Test
    void sendsBackWhatWasSetForThePathsItCovers() {
        CookieJar jar = new CookieJar();
        jar.accept("sid=abc; Path=/; HttpOnly", "/login", NOW);
        jar.accept("cart=7; Path=/cart", "/cart", NOW);

        assertEquals("Cookie: cart=7; sid=abc\r\n", header(jar, "/cart/items"));
        assertEquals("Cookie: sid=abc\r\n", header(jar, "/orders"));
        assertEquals("Cookie: sid=abc\r\n", header(jar, "/cartography"), "a path matches at a slash only");
    }

    @Test
    void aNewValueReplacesTheOldAndAnExpiredCookieIsDeleted() {
        CookieJar jar = new CookieJar();
        jar.accept("sid=abc; Path=/", "/", NOW);
        jar.accept("sid=def; Path=/", "/", NOW);
        assertEquals("Cookie: sid=def\r\n", header(jar, "/"));

        jar.accept("sid=; Path=/; Max-Age=0", "/logout", NOW);
        assertEquals("", header(jar, "/"));

        jar.accept("theme=dark; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT", "/", NOW);
        assertEquals("", header(jar, "/"));
    }

    @Test
    void aCookieWithAMaxAgeLastsThatLong() {
        CookieJar jar = new CookieJar();
        jar.accept("token=t; Max-Age=60", "/", NOW);

        assertEquals("Cookie: token=t\r\n", header(jar, "/", NOW + 59_000));
        assertEquals("", header(jar, "/", NOW + 60_000));
    }

    @Test
    void withoutAPathACookieCoversTheDirectoryOfItsRequest() {
        CookieJar jar = new CookieJar();
        jar.accept("step=2", "/checkout/address", NOW);

        assertEquals("Cookie: step=2\r\n", header(jar, "/checkout/payment"));
        assertEquals("", header(jar, "/orders"));
    }

    private static String header(CookieJar jar, String path) {
        return header(jar, path, NOW);
    }

    private static String header(CookieJar jar, String path, long now) {
        return new String(jar.header(path, now), StandardCharsets.UTF_8);
    }
}
