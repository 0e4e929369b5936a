package dev.leakgate.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The lines Node 20 prints when it dies, as they come. */
class LastWordsTest {

    @Test
    void picksV8sFatalErrorOverTheNativeStackBelowIt() {
        List<String> outOfMemory = List.of(
                "<--- Last few GCs --->",
                "[4242:0x6a3e0c0]     1893 ms: Mark-Compact 38.9 (41.6) -> 38.6 (41.9) MB, 21.3 / 0.0 ms",
                "<--- JS stacktrace --->",
                "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory",
                "----- Native stack trace -----",
                " 1: 0xb8d0a3 node::OOMErrorHandler(char const*, v8::OOMDetails const&) [node]",
                " 2: 0xf06460 v8::Utils::ReportOOMFailure(v8::internal::Isolate*, char const*) [node]");

        assertEquals(Optional.of("FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory"),
                LastWords.of(outOfMemory));
    }

    @Test
    void picksTheUncaughtExceptionOverItsStackAndNodesSignOff() {
        List<String> uncaught = List.of(
                "/srv/app/server.js:12",
                "    throw new TypeError('order.items is not iterable');",
                "    ^",
                "",
                "TypeError: order.items is not iterable",
                "    at Server.<anonymous> (/srv/app/server.js:12:11)",
                "",
                "Node.js v20.20.2");

        assertEquals(Optional.of("TypeError: order.items is not iterable"), LastWords.of(uncaught));
    }

    @Test
    void otherwiseTakesTheLastLineThatSaysSomething() {
        assertEquals(Optional.of("shutting down: lost the database"),
                LastWords.of(List.of("listening on 3000", "shutting down: lost the database", "  ")));
        assertEquals(Optional.empty(), LastWords.of(List.of()));
    }
}
