package io.yoctopus.api.events;

import io.yoctopus.api.ConnectionSettings;
import io.yoctopus.api.Notifier;
import java.util.List;
import java.util.Map;

/**
 * A client connection was established; its core settings are already filled.
 *
 * @param settings the connection's settings, read-only
 * @param notifier pushes notifications to the new connection
 * @param headers the HTTP headers of the WebSocket handshake
 */
public record ConnectionOpened(String connectionId, ConnectionSettings settings, Notifier notifier,
        Map<String, List<String>> headers) {
}
