package io.yoctopus.api.events;

import java.util.Map;

/**
 * A connection has ended, whatever ended it, and none of its requests will run any more. Fired exactly
 * once per connection.
 *
 * @param settings the connection's last settings, {@code {plugin: {key: value}}}
 * @param closeCode the WebSocket close code
 * @param reason the close reason, possibly empty
 */
public record ConnectionClosed(String connectionId, Map<String, Map<String, Object>> settings, int closeCode,
        String reason) {
}
