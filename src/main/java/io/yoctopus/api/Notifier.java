package io.yoctopus.api;

/**
 * Pushes a notification to one connection:
 * {@code {"meta": {"method": "notify", "type": type}, "data": data}}. Safe to call from any thread, also
 * after the handler has returned; a notification to a closed connection is dropped.
 */
@FunctionalInterface
public interface Notifier {

    /**
     * @param type the notification type, e.g. {@code "alert"}
     * @param data any value JSON-B can serialize
     */
    void notify(String type, Object data);
}
