package io.yoctopus.api.events;

import io.yoctopus.api.ConnectionSettings;
import io.yoctopus.api.Notifier;
import io.yoctopus.api.Request;

/**
 * A response was queued for the client, after the connection's settings changes were applied.
 *
 * @param request the request, with the data its handler received
 * @param ok {@code true} for a response, {@code false} for an error
 * @param message the message as sent
 */
public record ResponseSent(Request request, String connectionId, ConnectionSettings settings, Notifier notifier,
        boolean ok, String message) {
}
