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
 *
 * <p>In a cluster ({@code README}, "Clustering") the notification reaches the matching connections of every
 * instance, exactly once each: each instance applies the filter to its own connections, and the multicasts one
 * instance sends arrive everywhere in the order it sent them.
 */
@FunctionalInterface
public interface Multicast {

    /**
     * @return how many connections of this instance the notification was queued for (those of other instances are
     *     reached, not counted)
     */
    int send(Map<String, ? extends Map<String, ?>> filter, String type, Object data);
}
