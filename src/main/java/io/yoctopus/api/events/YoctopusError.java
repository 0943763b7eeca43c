package io.yoctopus.api.events;

import java.util.Optional;

/**
 * A server-side error: a handler failure, a transport error on a connection, a failing observer. Fired as
 * well as logged; the Node version's {@code onError}.
 *
 * @param kind where it happened
 * @param connectionId the connection concerned, if any
 * @param message what went wrong, in words
 * @param cause the exception
 */
public record YoctopusError(Kind kind, Optional<String> connectionId, String message, Throwable cause) {

    /** Where an error happened. */
    public enum Kind {
        /** A handler, a requirement check or a request observer failed unexpectedly. */
        ENDPOINT,
        /** The WebSocket transport failed on a connection. */
        TRANSPORT,
        /** A lifecycle observer failed. */
        LISTENER
    }
}
