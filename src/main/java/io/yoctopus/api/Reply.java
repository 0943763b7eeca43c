package io.yoctopus.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A handler result that changes this plugin's settings together with the response, the explicit form
 * of the wire protocol's {@code {settings: {...}, response: {...}}}:
 *
 * <pre>{@code
 * return Reply.of(Map.of("userId", id))
 *             .withSetting("authenticated", true)
 *             .withSetting("userId", id);
 * }</pre>
 *
 * The settings are validated and applied all together before the response is sent; if one is unknown
 * or of the wrong type, the client gets an error and nothing changes. A {@code null} value clears the
 * setting. Instances are immutable.
 */
public final class Reply {

    private final Object response;
    private final Map<String, Object> settings;

    private Reply(Object response, Map<String, Object> settings) {
        this.response = response;
        this.settings = settings;
    }

    /** A reply with this response data and no setting changes. */
    public static Reply of(Object response) {
        return new Reply(response, Map.of());
    }

    /** A reply that only changes settings; the response data is {@code {}}. */
    public static Reply settings(Map<String, ?> settings) {
        return of(null).withSettings(settings);
    }

    /** A copy of this reply that also sets {@code key} ({@code null} clears it). */
    public Reply withSetting(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(settings);
        copy.put(key, value);
        return new Reply(response, Collections.unmodifiableMap(copy));
    }

    /** A copy of this reply that also sets every entry of {@code changes}. */
    public Reply withSettings(Map<String, ?> changes) {
        Map<String, Object> copy = new LinkedHashMap<>(settings);
        copy.putAll(changes);
        return new Reply(response, Collections.unmodifiableMap(copy));
    }

    /** The response data; {@code null} is sent as {@code {}}. */
    public Object response() {
        return response;
    }

    /** The setting changes, in the order given; values may be {@code null}. */
    public Map<String, Object> settings() {
        return settings;
    }
}
