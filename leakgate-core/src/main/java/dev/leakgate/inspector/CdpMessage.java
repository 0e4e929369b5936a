package dev.leakgate.inspector;

/** What Node sends over the inspector connection: answers to our commands, and events. */
sealed interface CdpMessage {

    /** The answer to the command with this id: either {@code result} or {@code error} is set. */
    record Response(long id, JsonObject result, JsonObject error) implements CdpMessage {
    }

    record Event(String method, JsonObject params) implements CdpMessage {
    }
}
