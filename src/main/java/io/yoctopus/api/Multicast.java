package io.yoctopus.api;

import java.util.Map;

/**
 * Pushes one notification to every open connection whose settings match a filter. Inject it, or take it
 * as a handler parameter:
 *
 * <pre>{@code
 * multicast.send(Map.of("auth", Map.of("isAdmin", true)), "admin-alert", Map.of("message", "System update"));
 * }</pre>
 *
 * The filter is a partial settings store, {@code {plugin: {key: value}}}: a connection matches when every
 * named setting equals the given value (numbers by value; a map value matches an object setting that
 * contains at least its entries, recursively). An empty filter matches every connection. The
 * notification is serialized once, whatever the number of receivers.
 */
@FunctionalInterface
public interface Multicast {

    /**
     * @return how many connections the notification was queued for
     */
    int send(Map<String, ? extends Map<String, ?>> filter, String type, Object data);
}
